using System.Net.Http;
using System.Net.Http.Headers;
using Xunit;

namespace LlamaCloud.Chat.Tests.Support
{
    /// <summary>Response headers as a server sends them, for the retry rules that read them (Retry-After and friends).</summary>
    internal static class ResponseHeaders
    {
        internal static HttpResponseHeaders Headers(params (string Name, string Value)[] headers)
        {
            var h = new HttpResponseMessage().Headers;
            foreach (var (name, value) in headers) Assert.True(h.TryAddWithoutValidation(name, value));
            return h;
        }
    }
}
