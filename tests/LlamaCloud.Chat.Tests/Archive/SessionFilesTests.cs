using System;
using System.Linq;
using LlamaCloud.Chat.Archive;
using LlamaCloud.Chat.Tests.Support;
using static LlamaCloud.Chat.Tests.Support.SessionBodies;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Archive
{
    public class SessionFilesTests
    {
        [Fact]
        public void ASavedSessionIsReadWithItsEvents()
        {
            var s = Assert.Single(SessionFiles.Parse(Utf8(AllTypesDocument)));
            Assert.Equal("ses-all", s.SessionId);
            Assert.Equal(17, s.EventCount);
            Assert.All(s.Events!, e => Assert.Equal("ses-all", e.SessionId));
        }

        [Fact]
        public void ByteOrderMarkIsSkipped()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8(Q("{'session_id':'s','events':[]}"))).ToArray();
            Assert.Equal("s", Assert.Single(SessionFiles.Parse(bytes)).SessionId);
        }

        [Fact]
        public void SessionIdAfterTheEventsStampsThem()
        {
            var s = Assert.Single(SessionFiles.Parse(Utf8(Q("{'events':[{'content':'a','type':'text'}],'session_id':'ses-z'}"))));
            Assert.Equal("ses-z", Assert.Single(s.Events!).SessionId);
        }

        [Fact]
        public void AListPageGivesItsSessions()
        {
            var list = SessionFiles.Parse(Utf8(Q("{'items':[{'session_id':'a'},{'session_id':'b'}],'next_page_token':'t'}")));
            Assert.Equal(new[] { "a", "b" }, list.Select(s => s.SessionId));
            Assert.Empty(SessionFiles.Parse(Utf8(Q("{'items':[]}"))));
        }

        [Theory]
        [InlineData("{'events':[]}")]
        [InlineData("{'session_id':''}")]
        [InlineData("{'session_id':null}")]
        [InlineData("[]")]
        [InlineData("")]
        public void NotASessionThrows(string json)
        {
            Assert.Throws<InvalidSessionJsonException>(() => SessionFiles.Parse(Utf8(Q(json))));
        }

        [Fact]
        public void AFileWithABomAndTwoEventsArraysPointsEachTextIntoItsOwnBytes()
        {
            // SessionFiles reads a file from its copy in one buffer, past a BOM (OwnerOffset 3), and one Read reads both
            // arrays (two calls of ReadEvents): every event's text must be its own.
            var r = new Random(3);
            for (var n = 0; n < 200; n++)
            {
                var json = "{\"events\":[" + string.Join(",", Enumerable.Range(0, r.Next(0, 6)).Select(i => "{\"type\":\"text_delta\",\"content\":" + Str(r) + "}"))
                    + "],\"session_id\":\"s\",\"events\":[" + string.Join(",", Enumerable.Range(0, r.Next(1, 6)).Select(i => Ws(r) + ValidEvent(r) + Ws(r))) + "]}";
                var body = Utf8(json);
                var expected = JsonOracle.Read(body, "s").Events!;
                var file = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray();
                var session = Assert.Single(LlamaCloud.Chat.Archive.SessionFiles.Parse(file));
                Assert.True(expected.SequenceEqual(JsonOracle.ObserveAll(session.Events!)), json);
            }
        }
    }
}
