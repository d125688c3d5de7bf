using System;
using System.Collections.Generic;
using System.Linq;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Tests.Telemetry
{
    /// <summary>OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME as <see cref="OtelResource"/> reads them.</summary>
    public class OtelResourceTests
    {
        private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
            name => vars.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

        private static string Pairs(IEnumerable<KeyValuePair<string, string>> entries) =>
            string.Join("|", entries.Select(e => e.Key + "=" + e.Value));

        [Fact]
        public void PercentDecodesKeysAndValues()
        {
            var (entries, bad) = OtelResource.Parse("team=ml%20ops,deployment.environment.name=prod,note=a%2Cb%3Dc,k%2Ey=%E2%9C%93");
            Assert.Equal("team=ml ops|deployment.environment.name=prod|note=a,b=c|k.y=\u2713", Pairs(entries));
            Assert.Empty(bad);
        }

        [Fact]
        public void EmptyEntriesAreIgnoredAndWhitespaceTrimmed()
        {
            var (entries, bad) = OtelResource.Parse(",  a = 1 ,, ,b=2,");
            Assert.Equal("a=1|b=2", Pairs(entries));
            Assert.Empty(bad);
            Assert.Empty(OtelResource.Parse("").Entries);
            Assert.Empty(OtelResource.Parse("   ").Entries);
            Assert.Empty(OtelResource.Parse(null).Entries);
        }

        [Fact]
        public void AnEqualsSignInAValueStaysInIt()
        {
            var (entries, bad) = OtelResource.Parse("query=a=b==,empty=");
            Assert.Equal("query=a=b==|empty=", Pairs(entries));
            Assert.Empty(bad);
        }

        [Fact]
        public void MalformedEntriesAreSkippedByPositionWithoutTheirText()
        {
            var (entries, bad) = OtelResource.Parse("a=1,secret-no-equals,=orphan-value,b=2");
            Assert.Equal("a=1|b=2", Pairs(entries));
            Assert.Equal(new[] { "entry 2 (no '=')", "entry 3 (empty key)" }, bad);
            Assert.DoesNotContain(bad, b => b.Contains("secret") || b.Contains("orphan"));
        }

        [Fact]
        public void ServiceNamePrecedence()
        {
            var all = Env(("OTEL_SERVICE_NAME", "from-var"), ("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attrs,team=a"));
            Assert.Equal("from-param", OtelResource.Resolve("from-param", all).ServiceName);
            Assert.Equal("from-var", OtelResource.Resolve(null, all).ServiceName);
            Assert.Equal("from-attrs", OtelResource.Resolve(null, Env(("OTEL_RESOURCE_ATTRIBUTES", "service.name=from%2Dattrs"))).ServiceName);
            Assert.Equal("from-attrs", OtelResource.Resolve(null, Env(("OTEL_SERVICE_NAME", "  "), ("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-attrs"))).ServiceName);
            Assert.Equal("llama-cloud-chat", OtelResource.Resolve(null, Env()).ServiceName);
            Assert.Equal("llama-cloud-chat", OtelResource.Resolve(null, Env(("OTEL_RESOURCE_ATTRIBUTES", "service.name="))).ServiceName);
        }

        [Fact]
        public void ServiceNameIsNotAnExtraAttributeAndTheLastRepeatWins()
        {
            var r = OtelResource.Resolve(null, Env(("OTEL_RESOURCE_ATTRIBUTES", "team=a,service.name=s,host.name=h,team=b")));
            Assert.Equal("host.name=h|team=b", Pairs(r.Attributes));
            Assert.Equal("s", r.ServiceName);
        }

        [Fact]
        public void ExtraAttributesNeverReplaceTheModulesOwn()
        {
            var options = new TraceOptions
            {
                ServiceName = "svc",
                ModuleVersion = "9.9.9",
                ExtraResource = OtelResource.Resolve(null, Env(("OTEL_RESOURCE_ATTRIBUTES", "llama_cloud.module.version=0.0.1,llama_cloud.module.name=x,team=a"))).Attributes,
            };
            var trace = new SessionTraceBuilder("ses-x", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), options).Build();
            using var doc = System.Text.Json.JsonDocument.Parse(trace.ResourceSpansUtf8);
            var attrs = doc.RootElement.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Select(a => a.GetProperty("key").GetString() + "=" + a.GetProperty("value").GetProperty("stringValue").GetString());
            Assert.Equal("service.name=svc|llama_cloud.module.name=LlamaCloud.Chat|llama_cloud.module.version=9.9.9|team=a", string.Join("|", attrs));
        }
    }
}
