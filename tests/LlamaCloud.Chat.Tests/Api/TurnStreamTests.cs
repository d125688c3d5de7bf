using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LlamaCloud.Chat.Api;

namespace LlamaCloud.Chat.Tests.Api
{
    /// <summary>
    /// Every framing a turn's stream may come in (docs/api.md, "The stream's framing"), each cut at every byte into two
    /// pieces and fed byte by byte: the events, their labels and how the turn ended are the same every time.
    /// </summary>
    public class TurnStreamTests
    {
        private const string Delta = "{\"content\":\"Hi\",\"type\":\"text_delta\"}";
        private const string Text = "{\"content\":\"Hi there\",\"type\":\"text\"}";
        private const string Stop = "{\"error\":null,\"is_error\":false,\"usage\":{\"turns\":1},\"skipped_index_ids\":[\"idx-offline-1\"],\"type\":\"stop\"}";

        /// <summary>"type/label" per event, then the end: done, stopped, the server's words.</summary>
        private static string Outcome(byte[] bytes, params int[] cuts)
        {
            var stream = new TurnStream();
            var events = new List<(ChatEvent Event, string Label)>();
            var at = 0;
            foreach (var c in cuts.Concat(new[] { bytes.Length }))
            {
                stream.Feed(new ReadOnlySpan<byte>(bytes, at, c - at), events);
                at = c;
            }
            stream.Complete();
            var parts = events.Select(e => (e.Event.Type ?? "?") + "/" + e.Label).ToList();
            parts.Add($"done={stream.Done} stopped={stream.Stopped} error={stream.ServerError ?? "-"}");
            return string.Join(" ", parts);
        }

        private static void SameAtEveryCut(string text, string expected)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.Equal(expected, Outcome(bytes));
            for (var cut = 0; cut <= bytes.Length; cut++) Assert.Equal(expected, Outcome(bytes, cut));
            Assert.Equal(expected, Outcome(bytes, Enumerable.Range(1, bytes.Length - 1).ToArray()));
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        [InlineData("\r")]
        public void TheGuidesFramingInEveryLineEnd(string eol)
        {
            var s = $"event: delta{eol}data: {Delta}{eol}{eol}event: message{eol}data: {Text}{eol}{eol}event: message{eol}data: {Stop}{eol}{eol}";
            SameAtEveryCut(s, "text_delta/delta text/message stop/message done=False stopped=True error=-");
        }

        [Fact]
        public void TheLabelIsACategoryNeverTheType()
        {
            var s = $"event: message\ndata: {Delta}\n\nevent: delta\ndata: {Stop}\n\n";
            SameAtEveryCut(s, "text_delta/message stop/delta done=False stopped=True error=-");
        }

        [Fact]
        public void WithoutLabelsEveryEventIsAMessage()
        {
            SameAtEveryCut($"data: {Delta}\n\ndata: {Stop}\n\n", "text_delta/message stop/message done=False stopped=True error=-");
        }

        [Fact]
        public void MultiLineDataIsJoined()
        {
            var s = "event: delta\ndata: {\ndata:   \"content\": \"Hi\",\ndata:   \"type\": \"text_delta\"\ndata: }\n\n" + $"data: {Stop}\n\n";
            SameAtEveryCut(s, "text_delta/delta stop/message done=False stopped=True error=-");
        }

        [Fact]
        public void IdsRetriesCommentsABomAndUnknownFieldsAreIgnored()
        {
            var s = "\uFEFFretry: 3000\n\n: keep-alive\nid: 1\nevent: delta\nfoo: bar\ndata: " + Delta + "\n\n:\nid: 2\ndata: " + Stop + "\n\n";
            SameAtEveryCut(s, "text_delta/delta stop/message done=False stopped=True error=-");
        }

        [Fact]
        public void DoneEndsTheTurnAndNothingAfterItIsRead()
        {
            var s = $"data: {Delta}\n\ndata: {Stop}\n\ndata: [DONE]\n\ndata: {Delta}\n\nevent: error\ndata: {{\"error\":\"late\"}}\n\n";
            SameAtEveryCut(s, "text_delta/message stop/message done=True stopped=True error=-");
        }

        [Fact]
        public void DoneWithoutAStopIsNotAStop()
        {
            SameAtEveryCut($"data: {Delta}\n\ndata: [DONE]\n\n", "text_delta/message done=True stopped=False error=-");
        }

        [Fact]
        public void AnEndWithoutAStopIsNeitherDoneNorStopped()
        {
            SameAtEveryCut($"event: delta\ndata: {Delta}\n\n", "text_delta/delta done=False stopped=False error=-");
        }

        [Fact]
        public void AnEventAfterItsLastBlankLineIsNotDispatched()
        {
            SameAtEveryCut($"data: {Delta}\n\ndata: {Stop}\n", "text_delta/message done=False stopped=False error=-");
        }

        [Fact]
        public void AnErrorFrameEndsTheTurnWithTheServersWords()
        {
            var s = $"event: delta\ndata: {Delta}\n\nevent: error\ndata: {{\"error\":\"Upstream model failed\"}}\n\ndata: {Stop}\n\n";
            SameAtEveryCut(s, "text_delta/delta done=False stopped=False error=Upstream model failed");
        }

        [Fact]
        public void AnErrorFrameWithPlainTextKeepsTheText()
        {
            SameAtEveryCut("event: error\ndata: model overloaded, try later\n\n", "done=False stopped=False error=model overloaded, try later");
        }

        [Fact]
        public void APayloadOfTypeErrorIsAnError()
        {
            SameAtEveryCut("data: {\"type\":\"error\",\"error\":{\"type\":\"overloaded\",\"message\":\"Overloaded\"}}\n\n", "done=False stopped=False error=Overloaded");
        }

        [Fact]
        public void AnErrorBodyFramedAsDataIsAnError()
        {
            SameAtEveryCut($"data: {Delta}\n\ndata: {{\"detail\":\"Rate limit exceeded\"}}\n\n", "text_delta/message done=False stopped=False error=Rate limit exceeded");
        }

        [Fact]
        public void ARawErrorBodyMidStreamIsAnError()
        {
            SameAtEveryCut($"data: {Delta}\n\n{{\"detail\":\"Internal Server Error\"}}\n", "text_delta/message done=False stopped=False error=Internal Server Error");
        }

        [Fact]
        public void ARawErrorBodyWithoutALineEndIsAnErrorAtTheEnd()
        {
            SameAtEveryCut($"data: {Delta}\n\n{{\"detail\":[{{\"loc\":[\"body\",\"prompt\"],\"msg\":\"too long\"}}]}}", "text_delta/message done=False stopped=False error=body.prompt: too long");
        }

        [Fact]
        public void AnUntypedEventThatIsNoErrorBodyStaysAnEvent()
        {
            SameAtEveryCut("data: {\"weird\":true}\n\ndata: {\"detail\":\"x\",\"page\":4}\n\n", "?/message ?/message done=False stopped=False error=-");
        }

        [Fact]
        public void TheStopsSkippedIndexesArrive()
        {
            var stream = new TurnStream();
            var events = new List<(ChatEvent Event, string Label)>();
            stream.Feed(Encoding.UTF8.GetBytes($"data: {Stop}\n\n"), events);
            var stop = Assert.IsType<StopEvent>(Assert.Single(events).Event);
            Assert.Equal(new[] { "idx-offline-1" }, stop.SkippedIndexIds);
        }
    }
}
