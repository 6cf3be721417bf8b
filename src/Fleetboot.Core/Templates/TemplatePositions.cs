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

    /// <summary>
    /// An unclosed block points at its opening tag, a stray closing tag at itself; other compile errors at the first
    /// unbalanced mustache.
    /// </summary>
    public static (int? Line, int? Column) OfCompileError(string source, string message)
    {
        // Handlebars.Net names some blocks with their '#' ('#each', '#with') and others without ('if').
        var block = BlockName().Match(message);
        if (block.Success && Unmatched(source, block.Groups[1].Value.TrimStart('#'), opening: true) is { } opening)
            return LineAndColumn(source, opening);
        var closing = ClosingName().Match(message);
        if (closing.Success && Unmatched(source, closing.Groups[1].Value, opening: false) is { } stray)
            return LineAndColumn(source, stray);
        int open = 0;
        while ((open = source.IndexOf("{{", open, StringComparison.Ordinal)) >= 0)
        {
            if (source.IndexOf("}}", open + 2, StringComparison.Ordinal) < 0) return LineAndColumn(source, open);
            open += 2;
        }
        return (null, null);
    }

    /// <summary>
    /// Pairs the block's opening and closing tags: the innermost opening left unclosed, or the first closing with
    /// nothing open (else, for a close that mismatches another block inside, the first closing tag).
    /// </summary>
    private static int? Unmatched(string source, string name, bool opening)
    {
        var tags = Regex.Matches(source, @"\{\{~?\s*([#/])" + Regex.Escape(name) + @"(?![\w.-])");
        var open = new Stack<int>();
        foreach (Match tag in tags)
        {
            if (tag.Groups[1].Value == "#") open.Push(tag.Index);
            else if (open.Count > 0) open.Pop();
            else if (!opening) return tag.Index;
        }
        if (opening) return open.Count > 0 ? open.Peek() : null;
        return tags.FirstOrDefault(t => t.Groups[1].Value == "/")?.Index;
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

    [GeneratedRegex(@"closing element '/([^']+)'")]
    private static partial Regex ClosingName();
}
