using System.CommandLine;
using Fleetboot.Cli.Serve;

var root = new RootCommand("Fleetboot: network boot and provisioning server") { ServeCommand.Create() };
return await root.Parse(args).InvokeAsync();
