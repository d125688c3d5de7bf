using LlamaCloud.Chat.Analytics;

namespace LlamaCloud.Chat.Tests.Analytics
{
    public class SearchPatternTests
    {
        [Theory]
        [InlineData("Grüße", false, "Gr")]       // ü has another case: the byte test uses the ASCII part
        [InlineData("Grüße", true, "Grüße")]     // case-sensitive: the whole literal, as UTF-8
        [InlineData("kelvin", false, "elv")]     // k and i also match the Kelvin sign and dotted I under IgnoreCase
        [InlineData("日本語", false, "日本語")]   // no case at all
        [InlineData(".*", false, null)]
        public void ChoosesAnAnchorThatABytesTestCannotMiss(string pattern, bool caseSensitive, string? anchor) =>
            Assert.Equal(anchor, new SearchPattern(pattern, false, caseSensitive).Bytes?.Anchor);
    }
}
