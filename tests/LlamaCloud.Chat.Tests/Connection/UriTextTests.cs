using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Tests.Connection
{
    public class UriTextTests
    {
        [Fact]
        public void UserInfoInAUriIsMasked()
        {
            Assert.Equal("https://********@host.example/x", UriText.MaskUserInfo("https://user:pw@host.example/x"));
            Assert.Equal("https://host.example/x", UriText.MaskUserInfo("https://host.example/x"));
        }
    }
}
