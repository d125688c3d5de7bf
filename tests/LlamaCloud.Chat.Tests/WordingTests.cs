using System;
using System.IO;
using System.Net.Sockets;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Tests
{
    /// <summary>Messages say each thing once, end their sentences, show titles not markup, and mask credentials in URIs.</summary>
    public class WordingTests
    {
        [Fact]
        public void AnInnerMessageRepeatedByTheOuterOneIsSaidOnce()
        {
            var ex = new IOException("Unable to read data from the transport connection: Connection reset by peer.",
                new SocketException((int)SocketError.ConnectionReset));
            var inner = ex.InnerException!.Message;
            var text = ErrorText.Innermost(ex);
            Assert.Equal(1, CountOf(text, inner.TrimEnd('.')));
            Assert.EndsWith(".", text);
        }

        [Fact]
        public void DistinctMessagesAreSeparateSentences()
        {
            var ex = new InvalidOperationException("outer problem", new Exception("inner cause"));
            Assert.Equal("outer problem. inner cause.", ErrorText.Innermost(ex));
        }

        [Fact]
        public void AnHtmlPageGivesItsTitleAtAnyStatus()
        {
            Assert.Equal("Upstream down", ErrorText.Explain("Bad Gateway", null, "<html><head><title>Upstream down</title></head><body><h1>x</h1></body></html>"));
            // A title that only repeats the status line is not said twice.
            Assert.Null(ErrorText.Explain("Bad Gateway", null, "<html><head><title>502 Bad Gateway</title></head></html>"));
            Assert.Equal("Sign in", ErrorText.Explain("Unauthorized", null, "<!DOCTYPE html><html><title>Sign in</title></html>"));
            Assert.Equal("no title here", ErrorText.Explain("OK", null, "<html><body><p>no title here</p></body></html>"));
        }

        [Fact]
        public void AnExplanationThatOnlyRepeatsTheReasonIsDropped()
        {
            Assert.Null(ErrorText.Explain("Not Found", null, "Not Found"));
            Assert.Null(ErrorText.Explain("Not Found", "Not Found.", null));
            Assert.Equal("Session not found", ErrorText.Explain("Not Found", "Session not found", "{\"detail\":\"Session not found\"}"));
        }

        [Fact]
        public void UserInfoInAUriIsMasked()
        {
            Assert.Equal("https://********@host.example/x", UriText.MaskUserInfo("https://user:pw@host.example/x"));
            Assert.Equal("https://host.example/x", UriText.MaskUserInfo("https://host.example/x"));
        }

        [Fact]
        public void ABadBaseUriNamesItsSourceAndNotItsPassword()
        {
            var ex = Assert.Throws<LlamaCloudException>(() => Connection.OptionsResolver.ParseBaseUri("https://me:s3cret@api.example", "the LLAMA_CLOUD_BASE_URL environment variable"));
            Assert.Contains("LLAMA_CLOUD_BASE_URL", ex.Message);
            Assert.DoesNotContain("s3cret", ex.Message);
            Assert.Equal(ErrorIds.InvalidBaseUri, ex.ErrorId);
        }

        [Fact]
        public void TheAttemptCounterNeverPassesTheTotal()
        {
            var b = new RetryBudget(2);
            Assert.Equal("attempt 1 of 3", b.DescribeAttempt());
            for (var i = 0; i < 5; i++) Assert.True(b.TryTake(paced: true, out _));
            Assert.Equal("attempt 1 of 3, after 5 rate-limit waits", b.DescribeAttempt());
            Assert.True(b.TryTake(paced: false, out _));
            Assert.Equal("attempt 2 of 3, after 5 rate-limit waits", b.DescribeAttempt());
        }

        private static int CountOf(string text, string part)
        {
            var n = 0;
            for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
            return n;
        }
    }
}
