using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LlamaCloud.Chat.Api;

namespace LlamaCloud.Chat.Tests.Api
{
    /// <summary>The SSE parser against the WHATWG HTML standard's event-stream rules, fed whole and in every split.</summary>
    public class EventStreamParserTests
    {
        private static List<ServerSentEvent> Parse(byte[] stream, out EventStreamParser parser, params int[] splits)
        {
            parser = new EventStreamParser();
            var output = new List<ServerSentEvent>();
            var at = 0;
            foreach (var s in splits.Concat(new[] { stream.Length }))
            {
                parser.Feed(new ReadOnlySpan<byte>(stream, at, s - at), output);
                at = s;
            }
            return output;
        }

        private static List<ServerSentEvent> Parse(string stream) => Parse(Encoding.UTF8.GetBytes(stream), out _);

        private static string Data(ServerSentEvent e) => Encoding.UTF8.GetString(e.Data);

        /// <summary>Every way of cutting the stream in two gives the same events (CR/LF, BOM and UTF-8 across the cut).</summary>
        private static void SameInEverySplit(byte[] stream, string expected)
        {
            for (var cut = 0; cut <= stream.Length; cut++)
            {
                var events = Parse(stream, out _, cut);
                Assert.Equal(expected, string.Join("|", events.Select(e => e.Type + "=" + Data(e).Replace("\n", "\\n"))));
            }
            var byteByByte = Parse(stream, out _, Enumerable.Range(1, Math.Max(0, stream.Length - 1)).ToArray());
            Assert.Equal(expected, string.Join("|", byteByByte.Select(e => e.Type + "=" + Data(e).Replace("\n", "\\n"))));
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r")]
        [InlineData("\r\n")]
        public void LineEndsLfCrAndCrlfAreEqual(string eol)
        {
            var events = Parse($"data: one{eol}{eol}data: two{eol}event: delta{eol}{eol}");
            Assert.Equal(new[] { "one", "two" }, events.Select(Data));
            Assert.Equal(new[] { "message", "delta" }, events.Select(e => e.Type));
        }

        [Fact]
        public void CrAtAChunkBoundaryFollowedByLfIsOneLineEnd()
        {
            var bytes = Encoding.UTF8.GetBytes("data: a\r\n\r\ndata: b\r\n\r\n");
            SameInEverySplit(bytes, "message=a|message=b");
        }

        [Fact]
        public void TwoCrsAreTwoLineEndsEvenAcrossChunks()
        {
            // "data: a" CR CR: the second CR is a blank line, so the event is dispatched; the LF after it ends nothing.
            SameInEverySplit(Encoding.UTF8.GetBytes("data: a\r\r\ndata: b\r\r"), "message=a|message=b");
        }

        [Fact]
        public void ByteOrderMarkAtTheStartIsIgnoredEvenSplit()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("data: x\n\n")).ToArray();
            SameInEverySplit(bytes, "message=x");
        }

        [Fact]
        public void ByteOrderMarkLaterIsContentAndPartialBomIsContent()
        {
            var later = Parse(Encoding.UTF8.GetBytes("data: a\n\n\uFEFFdata: b\n\n"), out _);
            // The second "field name" is BOM + "data": not the data field, so no second event.
            Assert.Equal(new[] { "a" }, later.Select(Data));
            var partial = new byte[] { 0xEF, 0xBB }.Concat(Encoding.UTF8.GetBytes("\ndata: y\n\n")).ToArray();
            SameInEverySplit(partial, "message=y");
        }

        [Fact]
        public void MultiLineDataIsJoinedWithLf()
        {
            var events = Parse("data: {\"type\":\ndata:\"text\",\ndata:  \"content\":\"x\"}\n\n");
            Assert.Equal("{\"type\":\n\"text\",\n \"content\":\"x\"}", Data(Assert.Single(events)));
        }

        [Fact]
        public void OnlyOneSpaceAfterTheColonIsRemoved()
        {
            Assert.Equal(new[] { "  two spaces", "none", "" }, Parse("data:   two spaces\n\ndata:none\n\ndata\n\n").Select(Data));
        }

        [Fact]
        public void CommentsAreCountedAndDispatchNothing()
        {
            var events = Parse(Encoding.UTF8.GetBytes(": keep-alive\n\n:\n\ndata: x\n: inside\n\n"), out var parser);
            Assert.Equal(new[] { "x" }, events.Select(Data));
            Assert.Equal(3, parser.Comments);
        }

        [Fact]
        public void BlankLineWithoutDataDispatchesNothingAndResetsTheEventName()
        {
            var events = Parse("event: delta\n\ndata: x\n\n");
            Assert.Equal("message", Assert.Single(events).Type);
        }

        [Fact]
        public void IdCarriesOverAndIdWithNulIsIgnored()
        {
            var events = Parse("id: 7\ndata: a\n\ndata: b\n\nid: 8\0x\ndata: c\n\nid\ndata: d\n\n");
            Assert.Equal(new[] { "7", "7", "7", "" }, events.Select(e => e.LastEventId));
        }

        [Fact]
        public void RetryTakesOnlyAsciiDigits()
        {
            Parse(Encoding.UTF8.GetBytes("retry: 3000\n\nretry: 12x\n\nretry: -5\n\n"), out var parser);
            Assert.Equal(3000L, parser.Retry);
        }

        [Fact]
        public void UnknownFieldsAndCaseVariantsAreIgnored()
        {
            var events = Parse("Data: no\nfoo: bar\nEVENT: x\ndata: yes\n\n");
            var e = Assert.Single(events);
            Assert.Equal("yes", Data(e));
            Assert.Equal("message", e.Type);
        }

        [Fact]
        public void FinalEventWithoutBlankLineIsNotDispatched()
        {
            var events = Parse(Encoding.UTF8.GetBytes("data: a\n\ndata: b\n"), out var parser);
            Assert.Equal(new[] { "a" }, events.Select(Data));
            Assert.True(parser.Complete());
            var clean = Parse(Encoding.UTF8.GetBytes("data: a\n\n"), out var cleanParser);
            Assert.Single(clean);
            Assert.False(cleanParser.Complete());
        }

        [Fact]
        public void LastLineWithoutLineEndIsNotProcessed()
        {
            // "data: b" never got its line end, so even a following Complete() cannot make it an event.
            var events = Parse(Encoding.UTF8.GetBytes("data: a\n\ndata: b"), out var parser);
            Assert.Single(events);
            Assert.True(parser.Complete());
        }

        [Fact]
        public void Utf8SplitAcrossChunksIsKeptWhole()
        {
            SameInEverySplit(Encoding.UTF8.GetBytes("data: Grüße 😀\n\n"), "message=Grüße 😀");
        }

        [Fact]
        public void FieldWithoutColonHasEmptyValue()
        {
            var events = Parse("data\ndata\n\n");
            Assert.Equal("\n", Data(Assert.Single(events)));
        }
    }
}
