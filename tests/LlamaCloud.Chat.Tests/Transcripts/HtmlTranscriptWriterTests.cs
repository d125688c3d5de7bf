using LlamaCloud.Chat.Transcripts;

namespace LlamaCloud.Chat.Tests.Transcripts
{
    /// <summary>The HTML transcript's Content Security Policy.</summary>
    public class HtmlTranscriptWriterTests
    {
        [Fact]
        public void ThePolicyWithImagesAllowsDataImagesAndNothingMore()
        {
            var with = HtmlTranscriptWriter.ContentSecurityPolicyWithImages;
            var without = HtmlTranscriptWriter.ContentSecurityPolicy;
            Assert.Contains("img-src data:;", with);
            Assert.Contains("img-src 'none';", without);
            Assert.Equal(without.Replace("img-src 'none';", "img-src data:;"), with);
            Assert.Contains("script-src 'none'", with);
        }
    }
}
