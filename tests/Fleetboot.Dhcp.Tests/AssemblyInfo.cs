// The integration tests drive Linux network namespaces and Debian DHCP clients.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
