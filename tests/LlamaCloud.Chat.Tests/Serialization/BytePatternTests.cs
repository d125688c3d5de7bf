using System.Text;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Tests.Serialization
{
    public class BytePatternTests
    {
        private static bool May(string anchor, bool ignoreCase, string json) =>
            new BytePattern(anchor, ignoreCase).MayMatch(Encoding.UTF8.GetBytes(json));

        [Theory]
        [InlineData("timeout", false, "{\"content\":\"a timeout here\"}", true)]
        [InlineData("timeout", false, "{\"content\":\"a Timeout here\"}", false)]
        [InlineData("timeout", true, "{\"content\":\"a TIMEOUT here\"}", true)]
        [InlineData("timeout", true, "{\"content\":\"a time-out here\"}", false)]
        [InlineData("grüße", false, "{\"content\":\"grüße\"}", true)]
        public void FindsTheAnchorInTheRawBytes(string anchor, bool ignoreCase, string json, bool expected) =>
            Assert.Equal(expected, May(anchor, ignoreCase, json));

        [Fact]
        public void NeverRejectsTextThatArrivesEscaped()
        {
            // é as \u00e9, and even an ASCII letter of the anchor written as an escape.
            Assert.True(May("é", false, "{\"content\":\"caf\\u00e9\"}"));
            Assert.True(May("timeout", true, "{\"content\":\"\\u0074imeout\"}"));
            // A quote or a slash of the anchor may arrive as \" or \/.
            Assert.True(May("say \"hi\"", false, "{\"content\":\"say \\\"hi\\\"\"}"));
            Assert.True(May("a/b", false, "{\"content\":\"a\\/b\"}"));
            Assert.True(May("x\ny", false, "{\"content\":\"x\\ny\"}"));
        }

        [Fact]
        public void AnEscapeThatCannotStandForTheAnchorDoesNotLetTheEventThrough()
        {
            // \n cannot be part of "timeout"; an escaped backslash followed by 'u' is not a \u escape.
            Assert.False(May("timeout", false, "{\"content\":\"line1\\nline2\"}"));
            Assert.False(May("timeout", false, "{\"content\":\"C:\\\\users\"}"));
            Assert.True(May("x\ny", false, "{\"content\":\"line1\\nline2\"}"));
        }

        [Fact]
        public void ComparesAtEveryPlaceTheFirstByteOccurs()
        {
            Assert.True(May("abc", true, "{\"content\":\"aab ABABC\"}"));
            Assert.False(May("abc", true, "{\"content\":\"aab abab ab\"}"));
        }
    }
}
