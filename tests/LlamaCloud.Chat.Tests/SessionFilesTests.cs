using System.Linq;
using LlamaCloud.Chat.Archive;
using static LlamaCloud.Chat.Tests.TestUtil;

namespace LlamaCloud.Chat.Tests
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
    }
}
