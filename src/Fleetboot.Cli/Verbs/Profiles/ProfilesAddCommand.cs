using System.CommandLine;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Profiles;

/// <summary><c>fleetboot profiles add ID --kernel URL --initrd URL --args "console=ttyS0"</c></summary>
internal static class ProfilesAddCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "profile id (a-z, 0-9, '-', '_', '.')" };
        var options = new ProfileOptions();
        var command = new Command("add", "create a profile");
        command.Arguments.Add(id);
        options.AddTo(command);
        CliRunner.SetAction(command, async (context, parse, ct) =>
        {
            var request = new ProfileRequest
            {
                Id = parse.GetRequiredValue(id),
                Kernel = parse.GetValue(options.Kernel),
                Initrds = parse.GetValue(options.Initrds) ?? [],
                Args = parse.GetValue(options.Args),
                Rootfs = parse.GetValue(options.Rootfs),
                Description = parse.GetValue(options.Description),
                Configs = ProfileOptions.ReadTemplates(parse, options.Configs),
                Files = ProfileOptions.ReadTemplates(parse, options.Files),
                Metadata = JsonArgument.Parse(parse.GetValue(options.Metadata), "--metadata"),
                LocalBoot = parse.GetValue(options.LocalBoot),
                Loader = parse.GetValue(options.Loader),
                InstallTimeoutMinutes = ProfileOptions.Minutes(parse.GetValue(options.InstallTimeout)),
            };
            ProfileView.Show(context.Output, await context.Client.AddProfileAsync(request, ct));
        });
        return command;
    }
}
