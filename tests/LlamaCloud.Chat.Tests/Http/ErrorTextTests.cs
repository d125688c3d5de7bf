using System;
using System.IO;
using System.Net.Sockets;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Tests.Http
{
    /// <summary>Failure messages say each thing once, end their sentences and show titles, not markup.</summary>
    public class ErrorTextTests
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

        private static int CountOf(string text, string part)
        {
            var n = 0;
            for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
            return n;
        }
    }
}
