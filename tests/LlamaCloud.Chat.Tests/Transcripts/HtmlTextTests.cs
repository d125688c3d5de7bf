using System.Text;
using LlamaCloud.Chat.Transcripts;

namespace LlamaCloud.Chat.Tests.Transcripts
{
    public class HtmlTextTests
    {
        [Fact]
        public void HtmlEscapesMarkupAndQuotes()
        {
            Assert.Equal("&lt;a href=&quot;javascript:x&quot; onclick=&#39;y&#39;&gt;&amp;\uFFFD",
                new StringBuilder().AppendEscaped("<a href=\"javascript:x\" onclick='y'>&\0").ToString());
        }
    }
}
