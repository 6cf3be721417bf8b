using Fleetboot.Cli.Verbs;

var root = FleetbootRootCommand.Create();
// LEAD: add the serve verb here once src/Fleetboot.Cli/Serve/ServeCommand.cs is on main:
// root.Subcommands.Add(Fleetboot.Cli.Serve.ServeCommand.Create());
return await root.Parse(args).InvokeAsync();
