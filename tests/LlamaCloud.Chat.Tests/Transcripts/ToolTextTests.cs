using LlamaCloud.Chat.Transcripts;

namespace LlamaCloud.Chat.Tests.Transcripts
{
    public class ToolTextTests
    {
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
    }
}
