using System.IO;
using System.Net;
using System.Net.Http;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Tests.Http
{
    public class ProxyErrorsTests
    {
        [Theory]
        [InlineData(HttpStatusCode.ProxyAuthenticationRequired, 407)]
        [InlineData(HttpStatusCode.Unauthorized, 401)]
        [InlineData(HttpStatusCode.BadGateway, null)]
        public void ProxyRefusalsAreRecognisedFromTheTunnelStatus(HttpStatusCode code, int? expected)
        {
            var ex = new HttpRequestException("tunnel", null, code);
            Assert.Equal(expected, ProxyErrors.AuthenticationFailureStatus(ex));
            Assert.Equal(expected, ProxyErrors.AuthenticationFailureStatus(new IOException("outer", ex)));
            Assert.Null(ProxyErrors.AuthenticationFailureStatus(new HttpRequestException("no status")));
        }
    }
}
