using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fleetboot.Cli.Serve;

/// <summary>Reads the <c>--config</c> YAML file: a mapping of setting names to plain values, plus the <c>dhcpSubnets</c> list.</summary>
internal static class YamlSettingsFile
{
    public const string SubnetsKey = "dhcpSubnets";

    public static (IReadOnlyList<SettingSource> Settings, IReadOnlyList<ConfiguredSubnet> Subnets) Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read config file {path}: {e.Message}");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"{path} line {e.Start.Line}: {e.Message}");
        }
        if (stream.Documents.Count == 0) return ([], []);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigurationException($"{path} line {stream.Documents[0].RootNode.Start.Line}: expected a mapping of settings (key: value)");

        var settings = new List<SettingSource>();
        IReadOnlyList<ConfiguredSubnet> subnets = [];
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
            var origin = $"{path} line {keyNode.Start.Line}";
            if (key == SubnetsKey)
            {
                subnets = YamlSubnets.Read(path, valueNode);
                continue;
            }
            if (!SettingKeys.All.Contains(key))
                throw new ConfigurationException($"{origin}: unknown key '{key}'; known keys: {string.Join(", ", SettingKeys.All)}, {SubnetsKey}");
            if (valueNode is not YamlScalarNode scalar)
                throw new ConfigurationException($"{origin}: key '{key}' needs a plain value");
            settings.Add(new SettingSource(key, scalar.Value ?? "", origin));
        }
        return (settings, subnets);
    }
}
