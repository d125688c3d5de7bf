using System;
using System.Net;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Tests.Connection
{
    public class ProxySettingsTests
    {
        [Fact]
        public void ProxySettingsAreComparedByValueAndShareOneClient()
        {
            var a = ProxySettings.Explicit(new Uri("http://proxy:8080"), new NetworkCredential("u", "p1"), false);
            var b = ProxySettings.Explicit(new Uri("http://proxy:8080"), new NetworkCredential("u", "p1"), false);
            var c = ProxySettings.Explicit(new Uri("http://proxy:8080"), new NetworkCredential("u", "p2"), false);
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
            Assert.Same(SharedHttp.For(a), SharedHttp.For(b));
            Assert.NotSame(SharedHttp.For(a), SharedHttp.For(c));
            Assert.Same(SharedHttp.Client, SharedHttp.For(ProxySettings.Platform));
            Assert.NotSame(SharedHttp.Client, SharedHttp.For(ProxySettings.None));
            Assert.Equal("http://proxy:8080 (with credentials)", a.ToString());
            Assert.DoesNotContain("p1", a.ToString());
        }

        [Fact]
        public void ExplicitProxyCarriesLoopbackToo()
        {
            var p = ProxySettings.Explicit(new Uri("http://proxy:8080"), null, false);
            Assert.Equal(new Uri("http://proxy:8080"), p.ProxyFor(new Uri("http://127.0.0.1:5000/")));
            Assert.False(p.CreateWebProxy().IsBypassed(new Uri("http://127.0.0.1:5000/")));
            Assert.Null(ProxySettings.None.ProxyFor(new Uri("https://api.cloud.llamaindex.ai/")));
        }
    }
}
