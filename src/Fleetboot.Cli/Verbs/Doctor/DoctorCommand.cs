using System.CommandLine;
using Fleetboot.Dhcp;

namespace Fleetboot.Cli.Verbs.Doctor;

/// <summary><c>fleetboot doctor dhcp --interface IF</c>: who else answers DHCP here, before full mode is turned on.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var iface = new Option<string>("--interface") { Description = "interface to broadcast a DISCOVER on", Required = true };
        var seconds = new Option<int>("--seconds") { Description = "how long to listen for answers", DefaultValueFactory = _ => 5 };
        var dhcp = new Command("dhcp", "broadcast a DHCP DISCOVER and list every server that answers") { iface, seconds };
        dhcp.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(iface)!;
            Console.WriteLine($"fleetboot: listening {parse.GetValue(seconds)} s for DHCP servers on {name}...");
            IReadOnlyList<DhcpRivalServer> servers;
            try
            {
                servers = await DhcpServerProbe.ProbeAsync(name, TimeSpan.FromSeconds(parse.GetValue(seconds)), ct);
            }
            catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException)
            {
                await Console.Error.WriteLineAsync($"fleetboot: cannot probe {name}: {e.Message} (run as root on an interface that exists)");
                return ExitCodes.Usage;
            }
            if (servers.Count == 0) Console.WriteLine("fleetboot: no DHCP server answered; full mode will not fight anyone here");
            foreach (var server in servers)
                Console.WriteLine($"fleetboot: DHCP server {server.ServerIdentifier} (from {server.Source}) offers {server.OfferedAddress}, boot file {server.BootFile ?? "-"}");
            return servers.Count == 0 ? 0 : 1;
        });
        return new Command("doctor", "check the network before serving it") { dhcp };
    }
}
