namespace LlamaCloud.Chat.Tests.Models
{
    public class TextSummaryTests
    {
        [Theory]
        [InlineData(null, "")]
        [InlineData("", "")]
        [InlineData("one line", "one line")]
        [InlineData("a\r\nb\n\nc\td", "a b c d")]
        [InlineData("a    b", "a b")]
        [InlineData("bell\u0007s", "bells")]
        [InlineData("Grüße 🎉", "Grüße 🎉")]
        public void OneLine(string? text, string expected)
        {
            Assert.Equal(expected, TextSummary.OneLine(text));
        }

        [Fact]
        public void LongTextIsCutWithAnEllipsis()
        {
            Assert.Equal(new string('a', 200), TextSummary.OneLine(new string('a', 200)));
            Assert.Equal(new string('a', 200) + "…", TextSummary.OneLine(new string('a', 201)));
            Assert.Equal("abc…", TextSummary.OneLine("abcdef", 3));
        }

        [Fact]
        public void CuttingNeverSplitsASurrogatePair()
        {
            var s = TextSummary.OneLine(new string('a', 199) + "🎉🎉", 200);
            Assert.EndsWith("…", s);
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i])) Assert.True(i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]), $"lone high surrogate at {i}");
                if (char.IsLowSurrogate(s[i])) Assert.True(i > 0 && char.IsHighSurrogate(s[i - 1]), $"lone low surrogate at {i}");
            }
        }
    }
}
