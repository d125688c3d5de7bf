using System.Text;
using LlamaCloud.Chat.Transcripts;

namespace LlamaCloud.Chat.Tests
{
    public class TranscriptTextTests
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

        [Fact]
        public void ToolTextShowsJsonIndentedAndStringsAsText()
        {
            Assert.Equal("{\n  \"a\": [\n    1\n  ],\n  \"s\": \"<x>\"\n}", ToolText.From("{\"a\":[1],\"s\":\"<x>\"}", 0).Text);
            var s = ToolText.From("\"line1\\r\\nline2\"", 0);
            Assert.Equal(("line1\nline2", false), (s.Text, s.IsJson));
            Assert.Equal("42", ToolText.From("42", 0).Text);
            Assert.Equal("not json", ToolText.From("not json", 0).Text); // kept, never lost
        }

        [Fact]
        public void ToolTextIsCutWithoutSplittingAnEmoji()
        {
            var t = ToolText.From("\"ab😀cd\"", 3);
            Assert.Equal(("ab", 4), (t.Text, t.LeftOut));
            Assert.Equal("… 4 more characters left out (-MaxToolOutputLength)", t.CutNote());
            Assert.Equal(0, ToolText.From("\"abc\"", 3).LeftOut);
        }

        [Fact]
        public void HtmlEscapesMarkupAndQuotes()
        {
            Assert.Equal("&lt;a href=&quot;javascript:x&quot; onclick=&#39;y&#39;&gt;&amp;\uFFFD",
                new StringBuilder().AppendEscaped("<a href=\"javascript:x\" onclick='y'>&\0").ToString());
        }
    }
}
