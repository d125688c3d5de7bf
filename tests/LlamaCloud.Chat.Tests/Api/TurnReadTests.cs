using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Tests.Support;

namespace LlamaCloud.Chat.Tests.Api
{
    /// <summary>A turn's stream read on its own: typed events with their positions, an interrupted or failed turn.</summary>
    public class TurnReadTests
    {
        private sealed class NoLog : IClientLog
        {
            public void Verbose(string message) { }
            public void Debug(string message) { }
        }

        private static HttpResponseMessage Response(byte[] body, int breakAt, string mediaType)
        {
            var content = new StreamContent(new BreakingStream(body, breakAt));
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
        }

        private static async Task<List<ChatEvent>> Drain(EventChannel channel)
        {
            var all = new List<ChatEvent>();
            List<ChatEvent>? batch;
            while ((batch = await channel.ReadAsync(CancellationToken.None)) != null) all.AddRange(batch);
            return all;
        }

        private static readonly string Turn = string.Concat(
            ": keep-alive\r\n",
            "event: message\r\nid: 1\r\ndata: {\"content\":\"hi\",\"type\":\"user_input\"}\r\n\r\n",
            "event: delta\r\ndata: {\"content\":\"Rev\",\"type\":\"text_delta\"}\r\n\r\n",
            "data: {\"error\":null,\"is_error\":false,\n",   // no \r: line ends may mix
            "data: \"usage\":null,\"type\":\"stop\"}\r\n\r\n",
            "data: [DONE]\r\n\r\n",                               // ends the turn: what follows is never read
            "data: {\"content\":\"after done\",\"type\":\"text\"}\r\n\r\n");

        [Fact]
        public async Task ATurnStreamBecomesTypedEventsWithTheirPositions()
        {
            var body = Encoding.UTF8.GetBytes(Turn);
            var channel = new EventChannel(1000);
            var read = new TurnRead("ses-1", 40, channel, new NoLog(), s => s, CancellationToken.None);
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.True(await read.ReadAsync(Response(body, body.Length, "text/event-stream"), ctx));
            channel.Complete(null);
            var events = await Drain(channel);
            Assert.Equal(new[] { "user_input", "text_delta", "stop" }, events.Select(e => e.Type));
            Assert.Equal(new int?[] { 0, 1, 2 }, events.Select(e => e.TurnPosition));
            Assert.Equal(new int?[] { 40, 41, 42 }, events.Select(e => e.Index));
            Assert.Equal(new[] { "message", "delta", "message" }, events.Select(e => e.StreamEventName));
            Assert.All(events, e => Assert.Equal("ses-1", e.SessionId));
            Assert.True(read.Stopped);
        }

        [Fact]
        public async Task DoneBeforeTheStopIsAnInterruptedTurnAfterTheEventsThatCame()
        {
            var body = Encoding.UTF8.GetBytes("data: {\"content\":\"hi\",\"type\":\"user_input\"}\n\ndata: [DONE]\n\ndata: {\"is_error\":false,\"usage\":{},\"type\":\"stop\"}\n\n");
            var channel = new EventChannel(1000);
            var read = new TurnRead("ses-1", null, channel, new NoLog(), s => s, CancellationToken.None);
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            var ex = await Assert.ThrowsAsync<LlamaCloudException>(() => read.ReadAsync(Response(body, body.Length, "text/event-stream"), ctx));
            Assert.Equal(ErrorIds.StreamInterrupted, ex.ErrorId);
            Assert.Contains("after 1 event ([DONE] came before the turn's stop event)", ex.Message.Replace("the stream ended ([DONE]) without the turn's stop event", "[DONE] came before the turn's stop event"));
            channel.Complete(null);
            Assert.Equal(new[] { "user_input" }, (await Drain(channel)).Select(e => e.Type));
        }

        [Fact]
        public async Task AnErrorFrameIsTurnFailedWithTheServersWordsMasked()
        {
            var body = Encoding.UTF8.GetBytes("data: {\"content\":\"hi\",\"type\":\"user_input\"}\n\nevent: error\ndata: {\"error\":\"quota for key llx-secret exhausted\"}\n\n");
            var channel = new EventChannel(1000);
            var read = new TurnRead("ses-1", null, channel, new NoLog(), s => s?.Replace("llx-secret", "********"), CancellationToken.None);
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            var ex = await Assert.ThrowsAsync<LlamaCloudException>(() => read.ReadAsync(Response(body, body.Length, "text/event-stream"), ctx));
            Assert.Equal(ErrorIds.TurnFailed, ex.ErrorId);
            Assert.Equal("Session 'ses-1': the chat turn failed: the server reported an error in the turn's stream after 1 event: quota for key ******** exhausted", ex.Message);
        }

        [Fact]
        public async Task WithoutAKnownHistoryLengthIndexIsNull()
        {
            var body = Encoding.UTF8.GetBytes(Turn);
            var channel = new EventChannel(1000);
            var read = new TurnRead("ses-1", null, channel, new NoLog(), s => s, CancellationToken.None);
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            await read.ReadAsync(Response(body, body.Length, "text/event-stream"), ctx);
            channel.Complete(null);
            var events = await Drain(channel);
            Assert.Equal(3, events.Count); // user_input, text_delta, stop: [DONE] ends the turn
            Assert.All(events, e => Assert.Null(e.Index));
        }

        [Theory]
        [InlineData(true)]   // the connection breaks
        [InlineData(false)]  // the body ends cleanly, but before the stop event
        public async Task AStreamThatEndsBeforeItsStopIsInterruptedAfterTheEventsThatArrived(bool breaks)
        {
            var body = Encoding.UTF8.GetBytes(Turn);
            var cut = Turn.IndexOf("data: {\"error\"", StringComparison.Ordinal); // before the stop event
            var channel = new EventChannel(1000);
            var read = new TurnRead("ses-1", null, channel, new NoLog(), s => s, CancellationToken.None);
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            var stream = breaks ? Response(body, cut, "text/event-stream") : Response(body.Take(cut).ToArray(), cut, "text/event-stream");
            var ex = await Assert.ThrowsAsync<LlamaCloudException>(() => read.ReadAsync(stream, ctx));
            Assert.Equal(ErrorIds.StreamInterrupted, ex.ErrorId);
            Assert.Contains("after 2 events", ex.Message);
            Assert.Equal(2, read.Delivered);
            channel.Complete(null);
            Assert.Equal(2, (await Drain(channel)).Count);
        }

        [Fact]
        public async Task AJsonAnswerIsNotAStream()
        {
            var read = new TurnRead("ses-1", null, new EventChannel(10), new NoLog(), s => s, CancellationToken.None);
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(30), CancellationToken.None);
            var body = Encoding.UTF8.GetBytes("{\"detail\":\"x\"}");
            var ex = await Assert.ThrowsAsync<InvalidSessionJsonException>(() => read.ReadAsync(Response(body, body.Length, "application/json"), ctx));
            Assert.Contains("text/event-stream", ex.Message);
        }
    }
}
