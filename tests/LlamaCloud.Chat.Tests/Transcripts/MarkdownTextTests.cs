using System.Text;
using LlamaCloud.Chat.Transcripts;

namespace LlamaCloud.Chat.Tests.Transcripts
{
    public class MarkdownTextTests
    {
        [Theory]
        [InlineData("plain", "```")]
        [InlineData("a ``` b", "````")]
        [InlineData("``````````", "```````````")]
        public void AFenceIsLongerThanAnyBacktickRunInside(string text, string fence)
        {
            var sb = new StringBuilder();
            MarkdownText.AppendFenced(sb, text, "json");
            Assert.Equal(fence + "json\n" + text + "\n" + fence + "\n", sb.ToString());
        }

        [Theory]
        [InlineData("x", "`x`")]
        [InlineData("a`b", "``a`b``")]
        [InlineData("`x`", "`` `x` ``")]
        [InlineData("", "` `")]
        public void CodeSpansHoldAnyText(string text, string expected) => Assert.Equal(expected, MarkdownText.CodeSpan(text));

        [Theory]
        [InlineData("# h", "\\# h")]
        [InlineData("- item", "\\- item")]
        [InlineData("12. item", "12\\. item")]
        [InlineData("1) item", "1\\) item")]
        [InlineData("7.", "7\\.")]
        [InlineData("> q", "\\> q")]
        [InlineData("===", "\\===")]
        [InlineData("  two", "&nbsp;&nbsp;two")]
        [InlineData("[a](javascript:x) ![i](u)", "\\[a\\](javascript\\:x) \\!\\[i\\](u)")]
        [InlineData("<b onclick=x>&amp;", "\\<b onclick=x\\>\\&amp;")]
        [InlineData("Note: see https://x.invalid and www.y.invalid :smile:", "Note: see https\\://x.invalid and www\\.y.invalid \\:smile:")]
        [InlineData("*a* _b_ ~c~ `d` |e| @f $g$ \\h", "\\*a\\* \\_b\\_ \\~c\\~ \\`d\\` \\|e\\| \\@f \\$g\\$ \\\\h")]
        [InlineData("3.5 and 2024-01-01", "3.5 and 2024-01-01")]
        public void LinesAreEscaped(string line, string expected)
        {
            var sb = new StringBuilder();
            MarkdownText.AppendLine(sb, line);
            Assert.Equal(expected, sb.ToString());
        }

        [Fact]
        public void BlocksKeepLinesAsHardBreaksAndParagraphs()
        {
            var sb = new StringBuilder();
            MarkdownText.AppendBlock(sb, "\n\none\ntwo\n\n\nthree\n\n", "> ");
            Assert.Equal("> one\\\n> two\n>\n> three\n", sb.ToString());
        }
    }
}
