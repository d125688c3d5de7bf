using System.Text;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    public class OtlpResponseTests
    {
        [Theory]
        [InlineData("{\"partialSuccess\":{\"rejectedSpans\":\"3\",\"errorMessage\":\"old\"}}", 3, "old")]
        [InlineData("{\"partialSuccess\":{\"rejectedSpans\":4}}", 4, null)]
        [InlineData("{\"partial_success\":{\"rejected_spans\":5,\"error_message\":\"x\"}}", 5, "x")]
        [InlineData("{\"partialSuccess\":{\"errorMessage\":\"warning only\"}}", 0, "warning only")]
        [InlineData("{}", 0, null)]
        [InlineData("", 0, null)]
        [InlineData("<html>", 0, null)]
        public void PartialSuccess(string body, long rejected, string? message)
        {
            var (r, m) = OtlpResponse.PartialSuccess(Encoding.UTF8.GetBytes(body));
            Assert.Equal(rejected, r);
            Assert.Equal(message, m);
        }
    }
}
