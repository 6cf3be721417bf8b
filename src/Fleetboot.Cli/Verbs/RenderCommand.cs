using System.CommandLine;

namespace Fleetboot.Cli.Verbs;

/// <summary><c>fleetboot render HOST KIND [--name NAME]</c>: what the machine would be served, rendered now.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("HOST") { Description = "machine id, MAC address or host name" };
        var kind = new Argument<string>("KIND")
        {
            Description = "ipxe, grub, pxelinux, a config kind (ignition, talos, kickstart, preseed, user-data, meta-data, network-config), or generic/NAME",
        };
        var name = new Option<string?>("--name") { Description = "file name, for KIND generic", HelpName = "NAME" };
        var command = new Command("render", "preview a render for a machine (errors show line and column)");
        command.Arguments.Add(host);
        command.Arguments.Add(kind);
        command.Options.Add(name);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var kindText = parse.GetRequiredValue(kind);
            var fileName = parse.GetValue(name);
            if (kindText.StartsWith("generic/", StringComparison.Ordinal))
            {
                fileName ??= kindText["generic/".Length..];
                kindText = "generic";
            }
            var preview = await context.Client.RenderAsync(parse.GetRequiredValue(host), kindText, fileName, ct);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(preview, CliOutput.Json.RenderPreviewDto);
                return;
            }
            Console.Out.Write(preview.Content);
            if (!preview.Content.EndsWith('\n')) Console.Out.WriteLine();
        });
        return command;
    }
}
