using System.Collections.Concurrent;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace Fleetboot.Core.Templates;

/// <summary>
/// Handlebars in strict mode: a variable that is not in the context is an error, never an empty string,
/// so a half-rendered kernel command line never reaches a machine. Output is not HTML-escaped.
/// Compiled templates are cached by their text.
/// </summary>
public sealed class TemplateEngine
{
    private const int CacheLimit = 2048;
    private readonly IHandlebars _handlebars = Handlebars.Create(new HandlebarsConfiguration
    {
        NoEscape = true,
        ThrowOnUnresolvedBindingExpression = true,
    });
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> _compiled = new(StringComparer.Ordinal);

    /// <exception cref="TemplateRenderException">the template does not parse or needs a variable that is missing.</exception>
    public string Render(string templateName, string source, IReadOnlyDictionary<string, object?> context)
    {
        var template = Compile(templateName, source);
        try
        {
            return template(context);
        }
        catch (HandlebarsUndefinedBindingException e)
        {
            var (line, column) = TemplatePositions.OfExpression(source, e.Path);
            throw new TemplateRenderException(new RenderError(templateName, $"variable '{e.Path}' is not defined", line, column));
        }
        catch (HandlebarsException e)
        {
            throw new TemplateRenderException(new RenderError(templateName, e.Message, null, null));
        }
    }

    /// <exception cref="TemplateRenderException">the template does not parse.</exception>
    public void Validate(string templateName, string source) => Compile(templateName, source);

    private HandlebarsTemplate<object, object> Compile(string templateName, string source)
    {
        if (_compiled.TryGetValue(source, out var cached)) return cached;
        HandlebarsTemplate<object, object> template;
        try
        {
            template = _handlebars.Compile(source);
        }
        catch (HandlebarsException e)
        {
            var (line, column) = TemplatePositions.OfCompileError(source, e.Message);
            throw new TemplateRenderException(new RenderError(templateName, e.Message, line, column));
        }
        if (_compiled.Count >= CacheLimit) _compiled.Clear();
        _compiled[source] = template;
        return template;
    }
}
