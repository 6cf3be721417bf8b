using Fleetboot.Core.Templates;

namespace Fleetboot.Core.Tests.Templates;

public sealed class TemplateEngineTests
{
    private readonly TemplateEngine _engine = new();

    private static Dictionary<string, object?> Vars(params (string Key, object? Value)[] values) =>
        values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    [Fact]
    public void Render_DefinedVariables_SubstitutesThem()
    {
        var text = _engine.Render("t", "host={{machine.hostname}} n={{count}}", Vars(
            ("machine", Vars(("hostname", "web-01"))),
            ("count", 3L)));

        text.ShouldBe("host=web-01 n=3");
    }

    [Fact]
    public void Render_MissingVariable_ThrowsWithTemplateNameLineAndColumn()
    {
        var e = Should.Throw<TemplateRenderException>(() =>
            _engine.Render("profile p configs.kickstart", "line one\n  url {{server.baseUrl}}\nkey={{missing}}\n", Vars(
                ("server", Vars(("baseUrl", "http://x"))))));

        e.Error.Template.ShouldBe("profile p configs.kickstart");
        e.Error.Message.ShouldContain("missing");
        e.Error.Line.ShouldBe(3);
        e.Error.Column.ShouldBe(5);
    }

    [Fact]
    public void Render_MissingNestedVariable_PointsAtItsMustache()
    {
        var e = Should.Throw<TemplateRenderException>(() =>
            _engine.Render("t", "a {{machine.hostname}}\n\tb {{machine.nothing}}", Vars(
                ("machine", Vars(("hostname", "web-01"))))));

        e.Error.Message.ShouldContain("nothing");
        e.Error.Line.ShouldBe(2);
        e.Error.Column.ShouldBe(4);
    }

    [Fact]
    public void Render_NullValuedVariable_RendersEmptyNotError()
    {
        _engine.Render("t", "[{{hostname}}]", Vars(("hostname", null))).ShouldBe("[]");
    }

    [Fact]
    public void Render_UnclosedIf_ThrowsWithLineAndColumnOfTheBlock()
    {
        var e = Should.Throw<TemplateRenderException>(() =>
            _engine.Render("grub", "set timeout=0\n  {{#if x}}\nlinux y\n", Vars(("x", true))));

        e.Error.Template.ShouldBe("grub");
        e.Error.Line.ShouldBe(2);
        e.Error.Column.ShouldBe(3);
        e.Error.ToString().ShouldStartWith("grub:2:3: ");
    }

    [Theory]
    [InlineData("ok\n  {{#if x}} b", 2, 3)]
    [InlineData("ok\n  {{#each x}} b", 2, 3)]
    [InlineData("ok\n  {{#with x}} b", 2, 3)]
    [InlineData("ok\n  {{#unless x}} b", 2, 3)]
    [InlineData("{{#each a}}{{/each}}\n {{#each b}}", 2, 2)]
    [InlineData("{{#each a}}\n{{#each b}}{{/each}}", 1, 1)]
    [InlineData("{{#if a}}x{{/if}}\nb {{/if}}", 2, 3)]
    [InlineData("a\n {{#if x}} {{#each y}} b {{/if}}", 2, 26)]
    [InlineData("{{#if a}}\n  {{#if b}}x{{/if}}\n", 1, 1)]
    [InlineData("{{~#each a}}", 1, 1)]
    public void Validate_UnbalancedBlock_ThrowsWithPositionOfTheCulprit(string source, int line, int column)
    {
        var e = Should.Throw<TemplateRenderException>(() => _engine.Validate("t", source));

        (e.Error.Line, e.Error.Column).ShouldBe((line, column), e.Error.Message);
    }

    [Fact]
    public void Validate_UnclosedMustache_ThrowsWithPosition()
    {
        var e = Should.Throw<TemplateRenderException>(() => _engine.Validate("t", "ok {{a}}\nbad {{b"));

        e.Error.Line.ShouldBe(2);
        e.Error.Column.ShouldBe(5);
    }

    [Fact]
    public void Validate_WellFormedTemplateWithUnknownVariables_DoesNotThrow()
    {
        Should.NotThrow(() => _engine.Validate("t", "{{#if a}}{{b}}{{else}}{{c.d}}{{/if}}{{#each e}}{{this}}{{/each}}"));
    }

    [Fact]
    public void Render_UrlWithAmpersandsAndQuotes_IsNotHtmlEscaped()
    {
        var text = _engine.Render("t", "chain {{url}} '{{q}}' <{{tag}}>", Vars(
            ("url", "http://10.0.0.1/ipxe?mac=aa&uuid=b&x=<y>"),
            ("q", "it's \"quoted\""),
            ("tag", "a=b")));

        text.ShouldBe("chain http://10.0.0.1/ipxe?mac=aa&uuid=b&x=<y> 'it's \"quoted\"' <a=b>");
    }

    [Fact]
    public void Render_SameSourceDifferentValues_UsesValuesOfEachCall()
    {
        _engine.Render("t", "{{a}}", Vars(("a", "one"))).ShouldBe("one");
        _engine.Render("t", "{{a}}", Vars(("a", "two"))).ShouldBe("two");
    }

    [Fact]
    public void Render_EachOverList_RendersEveryItem()
    {
        var text = _engine.Render("t", "{{#each items}}[{{name}}]{{/each}}", Vars(
            ("items", new List<object?> { Vars(("name", "a")), Vars(("name", "b")) })));

        text.ShouldBe("[a][b]");
    }
}
