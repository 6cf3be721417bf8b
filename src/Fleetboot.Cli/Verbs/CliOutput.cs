using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fleetboot.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fleetboot.Cli.Verbs;

/// <summary>Writes results to stdout as Spectre tables or as indented JSON (the API's own shape).</summary>
internal sealed class CliOutput
{
    private static readonly FleetbootJsonContext Indented = new(new JsonSerializerOptions(FleetbootJsonContext.Default.Options) { WriteIndented = true });
    private readonly IAnsiConsole _console;

    public CliOutput(OutputFormat format)
    {
        Format = format;
        // Piped output and NO_COLOR get plain text: no escape sequences in files and greps.
        var plain = Console.IsOutputRedirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        // Piped output is not wrapped at 80 columns: keep rows whole so they can be grepped.
        if (Console.IsOutputRedirected) _console.Profile.Width = 240;
    }

    public OutputFormat Format { get; }

    /// <summary>True when stdout is a terminal: live displays redraw in place; otherwise they print each change.</summary>
    public static bool IsTerminal => !Console.IsOutputRedirected;

    /// <summary>The console, for live displays.</summary>
    public IAnsiConsole Terminal => _console;
    public bool IsJson => Format == OutputFormat.Json;
    public static FleetbootJsonContext Json => Indented;

    public void WriteJson<T>(T value, JsonTypeInfo<T> type) => _console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, type));

    /// <summary>One compact JSON object on one line (for streams of results).</summary>
    public void WriteJsonLine<T>(T value, JsonTypeInfo<T> type)
    {
        _console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, type));
        _console.Profile.Out.Writer.Flush();
    }

    public void Write(IRenderable renderable) => _console.Write(renderable);

    public void Line(string text)
    {
        _console.WriteLine(text);
        _console.Profile.Out.Writer.Flush();
    }

    /// <summary>The list as JSON with <c>--output json</c>, else as a <see cref="Table{T}"/>.</summary>
    public void JsonOrTable<T>(IReadOnlyList<T> items, JsonTypeInfo<IReadOnlyList<T>> type, params (string Header, Func<T, string?> Cell)[] columns)
    {
        if (IsJson) WriteJson(items, type);
        else Table(items, columns);
    }

    /// <summary>One resource as JSON with <c>--output json</c>, else as its <see cref="Fields"/>.</summary>
    public void JsonOrFields<T>(T value, JsonTypeInfo<T> type, Func<(string Name, string? Value)[]> fields)
    {
        if (IsJson) WriteJson(value, type);
        else Fields(fields());
    }

    /// <summary>A table with one row per item; cells are escaped plain text.</summary>
    public void Table<T>(IEnumerable<T> items, params (string Header, Func<T, string?> Cell)[] columns)
    {
        _console.Write(BuildTable(items, columns));
        _console.Profile.Out.Writer.Flush();
    }

    public static Table BuildTable<T>(IEnumerable<T> items, params (string Header, Func<T, string?> Cell)[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (header, _) in columns) table.AddColumn(new TableColumn(Markup.Escape(header)));
        foreach (var item in items)
            table.AddRow(columns.Select(c => (IRenderable)new Text(c.Cell(item) ?? "")).ToArray());
        return table;
    }

    /// <summary>A two-column table of one resource's fields; empty values are left out.</summary>
    public void Fields(params (string Name, string? Value)[] fields)
    {
        var grid = new Table().Border(TableBorder.Rounded).HideHeaders();
        grid.AddColumn("field");
        grid.AddColumn("value");
        foreach (var (name, value) in fields.Where(f => !string.IsNullOrEmpty(f.Value)))
            grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value!));
        _console.Write(grid);
    }
}
