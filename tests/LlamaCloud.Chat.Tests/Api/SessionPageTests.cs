using System;
using LlamaCloud.Chat.Api;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Api
{
    public class SessionPageTests
    {
        private static SessionPage Parse(string json) => SessionPage.Parse(Utf8(Q(json)));

        [Fact]
        public void ItemsAndNextPageToken()
        {
            var page = Parse(@"{'items':[
                {'session_id':'ses-2','last_updated_at':'2026-04-22T12:34:41.342245','generated_title':'Second','index_ids':['idx-1'],'job_metadata':{'turns':3,'is_error':false}},
                {'session_id':'ses-1','last_updated_at':'2026-04-21T08:00:00.000001','generated_title':null,'index_ids':null,'job_metadata':null}],
                'next_page_token':'tok-2'}");
            Assert.Equal("tok-2", page.NextPageToken);
            Assert.Equal(2, page.Items.Count);
            var a = page.Items[0];
            Assert.Equal("ses-2", a.SessionId);
            Assert.Equal("Second", a.GeneratedTitle);
            Assert.Equal(new[] { "idx-1" }, a.IndexIds);
            Assert.Equal(3, a.JobMetadata!.Turns);
            Assert.Equal(DateTimeKind.Utc, a.LastUpdatedAt.Kind);
            Assert.Equal(new DateTime(2026, 4, 22, 12, 34, 41, DateTimeKind.Utc).AddTicks(3422450), a.LastUpdatedAt);
            Assert.Null(a.Events);
            var b = page.Items[1];
            Assert.Equal("ses-1", b.SessionId);
            Assert.Null(b.GeneratedTitle);
            Assert.Null(b.IndexIds);
            Assert.Null(b.JobMetadata);
            Assert.Equal(10, b.LastUpdatedAt.Ticks % TimeSpan.TicksPerSecond);
        }

        [Theory]
        [InlineData("{'items':[]}")]
        [InlineData("{'items':[],'next_page_token':null}")]
        [InlineData("{'items':[],'next_page_token':''}")]
        [InlineData("{'next_page_token':null,'items':[]}")]
        public void LastPageHasNoToken(string json)
        {
            var page = Parse(json);
            Assert.Null(page.NextPageToken);
            Assert.Empty(page.Items);
        }

        [Theory]
        [InlineData("{}")]
        [InlineData("{'items':null}")]
        public void MissingOrNullItemsIsEmpty(string json)
        {
            Assert.Empty(Parse(json).Items);
        }

        [Fact]
        public void UnknownFieldsAreSkippedAndEventsAreNeverLoaded()
        {
            var page = Parse("{'total':{'n':[1,2,{'x':null}]},'items':[{'session_id':'s','events':[{'content':'x','type':'text'}],'extra':[[]]}],'next_page_token':'t','more':true}");
            var s = Assert.Single(page.Items);
            Assert.Equal("s", s.SessionId);
            Assert.Null(s.Events);
            Assert.Null(s.EventCount);
            Assert.Equal("t", page.NextPageToken);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("'x'")]
        [InlineData("{'items':{}}")]
        [InlineData("{'items':5}")]
        [InlineData("{'items':[{'session_id':'s'}")]
        [InlineData("{'items':[{'session_id':x}]}")]
        [InlineData("{'items':['not an object']}")]
        [InlineData("")]
        public void InvalidPagesThrow(string json)
        {
            Assert.Throws<InvalidSessionJsonException>(() => Parse(json));
        }
    }
}
