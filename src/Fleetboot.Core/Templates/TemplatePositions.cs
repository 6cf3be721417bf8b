using System.Text.RegularExpressions;

namespace Fleetboot.Core.Templates;

/// <summary>Finds where in a template an error comes from; Handlebars.Net reports names, not positions.</summary>
internal static partial class TemplatePositions
{
    /// <summary>The first mustache that mentions <paramref name="path"/>.</summary>
    public static (int? Line, int? Column) OfExpression(string source, string path)
    {
        foreach (Match m in Mustache().Matches(source))
        {
            if (Regex.IsMatch(m.Groups[1].Value, $@"(^|[\s(#/]){Regex.Escape(path)}($|[\s)}}])"))
                return LineAndColumn(source, m.Index);
        }
        return (null, null);
    }

    /// <summary>An unclosed block points at its opening tag; other compile errors at the first unbalanced mustache.</summary>
    public static (int? Line, int? Column) OfCompileError(string source, string message)
    {
        var block = BlockName().Match(message);
        if (block.Success)
        {
            var opening = source.LastIndexOf("{{#" + block.Groups[1].Value, StringComparison.Ordinal);
            if (opening >= 0) return LineAndColumn(source, opening);
        }
        int open = 0;
        while ((open = source.IndexOf("{{", open, StringComparison.Ordinal)) >= 0)
        {
            if (source.IndexOf("}}", open + 2, StringComparison.Ordinal) < 0) return LineAndColumn(source, open);
            open += 2;
        }
        return (null, null);
    }

    private static (int?, int?) LineAndColumn(string source, int index)
    {
        int line = 1, lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, index - lineStart + 1);
    }

    [GeneratedRegex(@"\{\{~?(.*?)~?\}\}", RegexOptions.Singleline)]
    private static partial Regex Mustache();

    [GeneratedRegex(@"block expression '([^']+)'")]
    private static partial Regex BlockName();
}
