using System.Globalization;
using Fleetboot.Contracts;

namespace Fleetboot.Cli.Verbs.Templates;

/// <summary>How templates look: lists as tables, one template as its text.</summary>
internal static class TemplateView
{
    public static void Show(CliOutput output, TemplateDto t)
    {
        if (output.IsJson)
        {
            output.WriteJson(t, CliOutput.Json.TemplateDto);
            return;
        }
        Console.Out.Write(t.Content);
        if (!t.Content.EndsWith('\n')) Console.Out.WriteLine();
    }

    public static void Changed(CliOutput output, TemplateDto t, string what)
    {
        if (output.IsJson) output.WriteJson(t, CliOutput.Json.TemplateDto);
        else output.Line(t.BuiltIn ? $"template {t.Name} {what}: the built-in is in force" : $"template {t.Name} {what}: version {t.Version} is in force");
    }

    public static void List(CliOutput output, IReadOnlyList<TemplateDto> templates) =>
        output.JsonOrTable(templates, CliOutput.Json.IReadOnlyListTemplateDto,
            ("NAME", t => t.Name),
            ("SOURCE", t => t.BuiltIn ? "built-in" : "custom"),
            ("VERSION", t => t.BuiltIn ? "-" : t.Version.ToString(CultureInfo.InvariantCulture)),
            ("CHANGED", t => t.CreatedAt?.ToString("u", CultureInfo.InvariantCulture)),
            ("LINES", t => t.Content.Split('\n').Length.ToString(CultureInfo.InvariantCulture)));
}
