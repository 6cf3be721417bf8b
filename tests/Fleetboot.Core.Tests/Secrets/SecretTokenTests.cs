using Fleetboot.Core.Secrets;

namespace Fleetboot.Core.Tests.Secrets;

public sealed class SecretTokenTests
{
    [Theory]
    [InlineData(24, 32)]
    [InlineData(32, 43)]
    public void New_IsBase64UrlWithoutPaddingOfTheGivenBytes(int bytes, int length)
    {
        var token = SecretToken.New(bytes);

        token.Length.ShouldBe(length);
        token.ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
    }

    [Fact]
    public void New_ThousandTokens_AllDifferentAndEveryByteValueSeen()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => SecretToken.New(32)).ToList();

        tokens.Distinct().Count().ShouldBe(1000);
        var bytes = tokens.SelectMany(t => Convert.FromBase64String(t.Replace('-', '+').Replace('_', '/') + "=")).ToHashSet();
        bytes.Count.ShouldBe(256);
    }
}
