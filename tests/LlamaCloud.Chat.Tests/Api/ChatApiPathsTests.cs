using System;
using System.Collections.Generic;
using LlamaCloud.Chat.Api;

namespace LlamaCloud.Chat.Tests.Api
{
    public class ChatApiPathsTests
    {
        private static readonly Uri Base = new Uri("https://api.cloud.llamaindex.ai");
        private static readonly KeyValuePair<string, string?>[] NoQuery = Array.Empty<KeyValuePair<string, string?>>();

        [Theory]
        [InlineData("ses-abc123", "ses-abc123")]
        [InlineData("../x", "..%2Fx")]
        [InlineData("a/b", "a%2Fb")]
        [InlineData("a\\b", "a%5Cb")]
        [InlineData("?q=1", "%3Fq%3D1")]
        [InlineData("#frag", "%23frag")]
        [InlineData("with space", "with%20space")]
        [InlineData("..", "%2E%2E")]
        [InlineData(".", "%2E")]
        [InlineData("...", "...")]
        [InlineData("séance", "s%C3%A9ance")]
        [InlineData("%2F", "%252F")]
        [InlineData("a;b", "a%3Bb")]
        public void EscapeSegment(string id, string expected)
        {
            Assert.Equal(expected, ChatApiPaths.EscapeSegment(id));
        }

        [Theory]
        [InlineData("ses-abc123")]
        [InlineData("../x")]
        [InlineData("../../admin")]
        [InlineData("a/b")]
        [InlineData("?q=1")]
        [InlineData("#frag")]
        [InlineData("with space")]
        [InlineData("séance")]
        [InlineData("%2F")]
        [InlineData("%2E%2E")]
        [InlineData("a\\..\\b")]
        [InlineData("x?y#z/..")]
        public void SessionPathIsOneSegmentWithNoQuery(string id)
        {
            foreach (var baseUri in new[] { Base, new Uri("https://host/proxy/"), new Uri("http://localhost:8080/a/b") })
            {
                var path = ChatApiPaths.SessionPath(baseUri, id, null);
                Assert.Equal("api/v1/chat/" + ChatApiPaths.EscapeSegment(id), path);
                var uri = ChatApiPaths.Build(baseUri, path, NoQuery);
                Assert.Equal(string.Empty, uri.Query);
                Assert.Equal(string.Empty, uri.Fragment);
                Assert.EndsWith("/api/v1/chat/" + ChatApiPaths.EscapeSegment(id), uri.AbsolutePath, StringComparison.Ordinal);
                var segments = uri.Segments;
                Assert.Equal("chat/", segments[segments.Length - 2]);
                Assert.Equal(id, Uri.UnescapeDataString(segments[segments.Length - 1]));
            }
        }

        [Theory]
        [InlineData("..")]
        [InlineData(".")]
        public void DotSegmentIdsAreRejectedRatherThanResolved(string id)
        {
            // System.Uri decodes %2E and removes dot-segments, so these ids cannot travel as one segment at all:
            // the check must refuse them instead of letting /chat/.. become /api/v1/.
            foreach (var suffix in new[] { null, "summary" })
            {
                var ex = Assert.Throws<LlamaCloudException>(() => ChatApiPaths.SessionPath(Base, id, suffix));
                Assert.Equal(ErrorIds.InvalidSessionId, ex.ErrorId);
                Assert.Equal(id, ex.SessionId);
            }
        }

        [Fact]
        public void SessionPathWithSuffix()
        {
            Assert.Equal("api/v1/chat/a%2Fb/summary", ChatApiPaths.SessionPath(Base, "a/b", "summary"));
            Assert.Equal("api/v1/chat/..%2F..%2Fx/messages/stream", ChatApiPaths.SessionPath(Base, "../../x", "messages/stream"));
        }

        [Fact]
        public void BuildKeepsABasePathPrefix()
        {
            var path = ChatApiPaths.SessionPath(new Uri("https://host/proxy/"), "ses-1", null);
            Assert.Equal("https://host/proxy/api/v1/chat/ses-1", ChatApiPaths.Build(new Uri("https://host/proxy/"), path, NoQuery).AbsoluteUri);
            Assert.Equal("https://host/proxy/api/v1/chat/ses-1", ChatApiPaths.Build(new Uri("https://host/proxy"), path, NoQuery).AbsoluteUri);
            Assert.Equal("https://host/api/v1/chat/ses-1", ChatApiPaths.Build(new Uri("https://host"), path, NoQuery).AbsoluteUri);
            Assert.Equal("https://host/api/v1/chat/ses-1", ChatApiPaths.Build(new Uri("https://host/"), path, NoQuery).AbsoluteUri);
            Assert.Equal("http://localhost:5000/x/y/api/v1/chat/ses-1", ChatApiPaths.Build(new Uri("http://localhost:5000/x/y//"), path, NoQuery).AbsoluteUri);
        }

        [Fact]
        public void BuildEscapesQueryAndSkipsNullValues()
        {
            var uri = ChatApiPaths.Build(new Uri("https://host/proxy/"), ChatApiPaths.ChatRoot, new[]
            {
                new KeyValuePair<string, string?>("page_size", "50"),
                new KeyValuePair<string, string?>("page_token", null),
                new KeyValuePair<string, string?>("project_id", "a b&c=d/é"),
            });
            Assert.Equal("https://host/proxy/api/v1/chat?page_size=50&project_id=a%20b%26c%3Dd%2F%C3%A9", uri.AbsoluteUri);
            Assert.Equal("https://host/api/v1/chat", ChatApiPaths.Build(new Uri("https://host"), ChatApiPaths.ChatRoot,
                new[] { new KeyValuePair<string, string?>("page_token", null) }).AbsoluteUri);
        }
    }
}
