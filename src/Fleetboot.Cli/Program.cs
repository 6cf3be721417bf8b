using Fleetboot.Cli.Lab;
using Fleetboot.Cli.Serve;
using Fleetboot.Cli.Verbs;

var root = FleetbootRootCommand.Create();
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(LabCommand.Create());
return await root.Parse(args).InvokeAsync();
