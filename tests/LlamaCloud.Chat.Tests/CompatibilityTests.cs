using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Reflection;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Module;

namespace LlamaCloud.Chat.Tests
{
    /// <summary>The .NET Framework resolver's answers, the import-time runtime check, proxy settings and their clients.</summary>
    public sealed class CompatibilityTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "llama-deps-" + Guid.NewGuid().ToString("n"));
        private readonly ShippedDependencies _shipped;
        private readonly AssemblyName _xunit = typeof(Assert).Assembly.GetName();

        public CompatibilityTests()
        {
            Directory.CreateDirectory(_folder);
            // A signed assembly stands in for a shipped dependency; a text file named .dll is no assembly at all.
            File.Copy(typeof(Assert).Assembly.Location, Path.Combine(_folder, Path.GetFileName(typeof(Assert).Assembly.Location)));
            File.WriteAllText(Path.Combine(_folder, "NotAnAssembly.dll"), "text");
            _shipped = new ShippedDependencies(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, true);

        private AssemblyName Request(Version version, byte[]? token = null)
        {
            var name = new AssemblyName(_xunit.Name!) { Version = version };
            name.SetPublicKeyToken(token ?? _xunit.GetPublicKeyToken());
            return name;
        }

        [Fact]
        public void AnswersForAShippedAssemblyAtItsVersionOrLower()
        {
            Assert.Equal(new[] { _xunit.Name! }, _shipped.Names);
            var expected = Path.Combine(_folder, Path.GetFileName(typeof(Assert).Assembly.Location));
            Assert.Equal(expected, _shipped.PathFor(Request(_xunit.Version!), "LlamaCloud.Chat", "LlamaCloud.Chat"));
            Assert.Equal(expected, _shipped.PathFor(Request(new Version(1, 0, 0, 0)), null, "LlamaCloud.Chat"));
            Assert.Equal(expected, _shipped.PathFor(Request(new Version(1, 0, 0, 0)), _xunit.Name, "LlamaCloud.Chat"));
        }

        [Fact]
        public void RefusesAHigherVersion()
        {
            var v = _xunit.Version!;
            Assert.Null(_shipped.PathFor(Request(new Version(v.Major, v.Minor, v.Build, v.Revision + 1)), "LlamaCloud.Chat", "LlamaCloud.Chat"));
        }

        [Fact]
        public void RefusesAnotherPublicKeyToken()
        {
            Assert.Null(_shipped.PathFor(Request(_xunit.Version!, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }), "LlamaCloud.Chat", "LlamaCloud.Chat"));
        }

        [Fact]
        public void RefusesNamesItDoesNotShipAndOtherModulesRequests()
        {
            Assert.Null(_shipped.PathFor(new AssemblyName("NotAnAssembly"), "LlamaCloud.Chat", "LlamaCloud.Chat"));
            Assert.Null(_shipped.PathFor(new AssemblyName("System.Text.Json"), "LlamaCloud.Chat", "LlamaCloud.Chat"));
            Assert.Null(_shipped.PathFor(Request(_xunit.Version!), "SomeOtherModule", "LlamaCloud.Chat"));
        }

        [Theory]
        [InlineData(".NET Framework 4.8.9221.0", 4, true)]
        [InlineData("Mono 6.8.0.105", 4, true)]
        [InlineData(".NET 8.0.11", 8, true)]
        [InlineData(".NET 10.0.1", 10, true)]
        [InlineData(".NET 7.0.20", 7, false)]
        [InlineData(".NET 6.0.36", 6, false)]
        [InlineData(".NET Core 3.1.32", 3, false)]
        [InlineData(".NET Core 4.6.27129.04", 4, false)]
        public void RuntimeCheckNamesTheVersionsThatWork(string description, int major, bool supported)
        {
            var reason = RuntimeCheck.UnsupportedReason(description, new Version(major, 0));
            if (supported) Assert.Null(reason);
            else Assert.Equal($"LlamaCloud.Chat needs Windows PowerShell 5.1 (.NET Framework 4.7.2 or later) or PowerShell 7.4 or later. This PowerShell runs on {description} (PowerShell 7.3 or earlier), whose System.Text.Json is older than 8.0. Install PowerShell 7.4 or later (https://aka.ms/powershell), or use Windows PowerShell 5.1.", reason);
        }

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
