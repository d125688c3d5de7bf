using System;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Tests.Http
{
    /// <summary>A 401 or 403 says where the key was sent: the base URI, its region and where that came from.</summary>
    public class FailuresTests
    {
        private static Failures For(string baseUri, string source, string? project = null)
        {
            var endpoint = new Endpoint(new Uri(baseUri), source, ApiKey.From("llx-secret-key-0001")!, "the LLAMA_CLOUD_API_KEY environment variable",
                null, project, Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), ProxySettings.Platform);
            return new Failures(new Redactor("llx-secret-key-0001"), endpoint, ProxySettings.Platform);
        }

        [Fact]
        public void UnauthorizedInNorthAmericaNamesTheRegionAndSuggestsEu()
        {
            var e = For("https://api.cloud.llamaindex.ai", "the default").Status(401, "Unauthorized", "Invalid API key", null, "req-1", "ses-1");
            Assert.Equal("Session 'ses-1': 401 Unauthorized: Invalid API key. The API key from the LLAMA_CLOUD_API_KEY environment variable was rejected by https://api.cloud.llamaindex.ai/ (region NA, from the default); no further requests were sent. (request id req-1)", e.Message);
            Assert.StartsWith("The key was sent to the NA region; a key of an EU account works only with Connect-LlamaCloud -Region EU (or LLAMA_CLOUD_BASE_URL=https://api.cloud.eu.llamaindex.ai).", e.Recommendation);
            Assert.Equal(ErrorIds.Unauthorized, e.ErrorId);
        }

        [Fact]
        public void UnauthorizedInEuropeSuggestsNorthAmerica()
        {
            var e = For("https://api.cloud.eu.llamaindex.ai/", "Connect-LlamaCloud -Region EU").Status(401, "Unauthorized", null, null, null, null);
            Assert.Contains("was rejected by https://api.cloud.eu.llamaindex.ai/ (region EU, from Connect-LlamaCloud -Region EU)", e.Message);
            Assert.StartsWith("The key was sent to the EU region; a key of a North American account works only with Connect-LlamaCloud -Region NA", e.Recommendation);
        }

        [Fact]
        public void ForbiddenNamesTheProjectAndCredentialsInTheBaseUriStayMasked()
        {
            var e = For("https://user:hunter2@llama.internal.example/", "-BaseUri", "proj-7").Status(403, "Forbidden", "No access", null, null, null);
            Assert.Equal("LlamaCloud request: 403 Forbidden: No access. The API key from the LLAMA_CLOUD_API_KEY environment variable is not allowed this at https://********@llama.internal.example/ (from -BaseUri) for project proj-7.", e.Message);
            Assert.DoesNotContain("hunter2", e.Recommendation);
            Assert.StartsWith("Check -ProjectId and -OrganizationId", e.Recommendation);
        }

        [Fact]
        public void OtherStatusesAddNothing()
        {
            var e = For("https://api.cloud.llamaindex.ai", "the default").Status(404, "Not Found", "Session not found", null, null, "ses-x");
            Assert.Equal("Session 'ses-x': 404 Not Found: Session not found.", e.Message);
            Assert.Null(e.Recommendation);
        }
    }
}
