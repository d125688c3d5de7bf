using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.TestUtil;


namespace LlamaCloud.Chat.Tests.Http
{
    public class ResponseTextTests
    {
        [Theory]
        [InlineData("{\"detail\":\"Session not found\"}", "Session not found")]
        [InlineData("{\"detail\":\"x\",\"other\":1}", "x")]
        [InlineData("{\"message\":\"m\"}", "m")]
        [InlineData("{\"error\":\"e\"}", "e")]
        [InlineData("{\"detail\":42}", "42")]
        [InlineData("{\"detail\":{\"code\":\"E1\"}}", "{\"code\":\"E1\"}")]
        [InlineData("  {\"detail\" : \"spaced\"}  ", "spaced")]
        [InlineData("{\"detail\":\"caf\\u00e9\"}", "café")]
        public void DetailIsExtracted(string body, string expected)
        {
            Assert.Equal(expected, ResponseText.ExtractDetail(body));
        }

        [Fact]
        public void FastApiValidationListIsJoined()
        {
            const string body = "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"},"
                + "{\"loc\":[\"query\",\"page_size\",0],\"msg\":\"ensure this value is less than 100\",\"type\":\"value_error\"},"
                + "{\"msg\":\"no loc\"},\"plain\"]}";
            Assert.Equal("body.prompt: field required; query.page_size.0: ensure this value is less than 100; no loc; plain",
                ResponseText.ExtractDetail(body));
        }

        [Theory]
        [InlineData("<html><body>Bad Gateway</body></html>")]
        [InlineData("Internal Server Error")]
        [InlineData("")]
        [InlineData("{\"detail\":")]
        [InlineData("[\"detail\"]")]
        [InlineData("\"detail\"")]
        [InlineData("{\"other\":1}")]
        [InlineData("{\"detail\":null}")]
        public void NoDetail(string body)
        {
            Assert.Null(ResponseText.ExtractDetail(body));
        }

        [Fact]
        public void DescribePullsTheHtmlTitle()
        {
            var d = ResponseText.Describe("<!DOCTYPE html><html><head><TITLE>502 Bad\n Gateway</TITLE></head><body>nginx</body></html>");
            Assert.StartsWith(": \"502 Bad Gateway\".", d);
            Assert.Contains("proxy or gateway", d);
        }

        [Fact]
        public void DescribeShowsTheStartOfOtherText()
        {
            Assert.Equal(": \"upstream connect error\".", ResponseText.Describe("upstream connect error"));
            Assert.Equal(": \"a b\".", ResponseText.Describe("a\r\n\r\nb"));
            var longText = ResponseText.Describe(new string('x', 500));
            Assert.Equal(": \"" + new string('x', 120) + "…\".", longText);
            Assert.Equal(": \"<title>unclosed\".", ResponseText.Describe("<title>unclosed"));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  \n ")]
        public void DescribeEmpty(string? text)
        {
            Assert.Equal(" (empty body).", ResponseText.Describe(text));
        }

        [Theory]
        [InlineData("application/json", true)]
        [InlineData("APPLICATION/JSON", true)]
        [InlineData("application/problem+json", true)]
        [InlineData("text/json", true)]
        [InlineData("text/html", false)]
        [InlineData("text/plain", false)]
        [InlineData("application/jsonp", false)]
        [InlineData("application/octet-stream", false)]
        public void IsJson(string mediaType, bool expected)
        {
            Assert.Equal(expected, ResponseText.IsJson(mediaType));
        }

        private static HttpResponseMessage Response(byte[] body, string mediaType = "application/json", params int[] sizes)
        {
            var content = new StreamContent(new TrickleStream(body, sizes.Length == 0 ? new[] { 1, 7, 300, 2, 65536, 13 } : sizes));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
        }

        [Fact]
        public async Task ReadErrorGivesDetailAndText()
        {
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            var (detail, text) = await ResponseText.ReadErrorAsync(Response(Utf8("{\"detail\":\"Session not found\"}")), ctx);
            Assert.Equal("Session not found", detail);
            Assert.Equal("{\"detail\":\"Session not found\"}", text);
            Assert.Equal((null, null), await ResponseText.ReadErrorAsync(Response(Array.Empty<byte>()), ctx));
        }
    }
}
