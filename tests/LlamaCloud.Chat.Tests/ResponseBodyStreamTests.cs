using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;
using static LlamaCloud.Chat.Tests.TestUtil;

namespace LlamaCloud.Chat.Tests
{
    /// <summary>The real caller loop (ResponseBody.ReadSessionAsync) over a body that arrives in uneven pieces.</summary>
    public class ResponseBodyStreamTests
    {
        private static HttpResponseMessage Response(byte[] body, string mediaType = "application/json", params int[] sizes)
        {
            var content = new StreamContent(new TrickleStream(body, sizes.Length == 0 ? new[] { 1, 7, 300, 2, 65536, 13 } : sizes));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
        }

        private static async Task<(SessionReader Reader, List<ChatEvent> Batched)> ReadAsync(HttpResponseMessage response, bool batches)
        {
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            var reader = new SessionReader("ses-1", batches ? new StreamedEvents(null) : new KeptEvents());
            var collected = new List<ChatEvent>();
            await ResponseBody.ReadSessionAsync(response, reader,
                batches ? b => { collected.AddRange(b); return Task.CompletedTask; } : null, ctx);
            return (reader, collected);
        }

        [Fact]
        public async Task TrickledBodyGivesTheSameEventsAsOneWholeRead()
        {
            var doc = Utf8(AllTypesDocument);
            var expected = DescribeAll(ReadWhole(doc).Events);
            var (kept, _) = await ReadAsync(Response(doc), batches: false);
            Assert.Equal(expected, DescribeAll(kept.Session.Events!));
            var (_, batched) = await ReadAsync(Response(doc, sizes: new[] { 3, 1, 11 }), batches: true);
            Assert.Equal(expected, DescribeAll(batched));
        }

        [Fact]
        public async Task AValueLargerThanTheBufferGrowsItAndIsReadWhole()
        {
            var text = new StringBuilder();
            for (var i = 0; i < 15000; i++) text.Append("chunk ").Append(i).Append(" é🎉 ");
            var content = text.ToString(); // well over the 64 KiB first buffer
            var doc = Utf8("{\"session_id\":\"s\",\"events\":[{\"content\":\"a\",\"type\":\"text\"},{\"call_id\":\"c\",\"name\":\"n\",\"result\":{\"text\":\""
                + content + "\"},\"type\":\"tool_result\"},{\"content\":\"z\",\"type\":\"text\"}]}");
            Assert.True(doc.Length > 3 * 65536);
            var (reader, _) = await ReadAsync(Response(doc, sizes: new[] { 4000, 70000, 1 }), batches: false);
            var events = reader.Session.Events!;
            Assert.Equal(3, events.Count);
            Assert.Equal(content, P(((ToolResultEvent)events[1]).Result, "text"));
            Assert.Equal("z", ((TextEvent)events[2]).Content);
        }

        [Fact]
        public async Task TruncatedBodyThrows()
        {
            var doc = Utf8(AllTypesDocument);
            var cut = new byte[doc.Length / 2];
            Array.Copy(doc, cut, cut.Length);
            await Assert.ThrowsAsync<InvalidSessionJsonException>(() => ReadAsync(Response(cut), batches: true));
        }

        [Fact]
        public async Task EmptyBodyThrowsSayingEmpty()
        {
            var ex = await Assert.ThrowsAsync<InvalidSessionJsonException>(() => ReadAsync(Response(Array.Empty<byte>()), batches: false));
            Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task HtmlFromAProxyIsNamed()
        {
            var html = Utf8("<html><head><title>504 Gateway Time-out</title></head><body></body></html>");
            var ex = await Assert.ThrowsAsync<InvalidSessionJsonException>(() => ReadAsync(Response(html, "text/html"), batches: false));
            Assert.Contains("text/html", ex.Message);
            Assert.Contains("504 Gateway Time-out", ex.Message);
        }

        [Fact]
        public async Task ReadErrorGivesDetailAndText()
        {
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            var (detail, text) = await ResponseText.ReadErrorAsync(Response(Utf8("{\"detail\":\"Session not found\"}")), ctx);
            Assert.Equal("Session not found", detail);
            Assert.Equal("{\"detail\":\"Session not found\"}", text);
            Assert.Equal((null, null), await ResponseText.ReadErrorAsync(Response(Array.Empty<byte>()), ctx));
        }
    }
}
