using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Tests.Connection
{
    public class OptionsResolverTests
    {
        [Fact]
        public void ABadBaseUriNamesItsSourceAndNotItsPassword()
        {
            var ex = Assert.Throws<LlamaCloudException>(() => OptionsResolver.ParseBaseUri("https://me:s3cret@api.example", "the LLAMA_CLOUD_BASE_URL environment variable"));
            Assert.Contains("LLAMA_CLOUD_BASE_URL", ex.Message);
            Assert.DoesNotContain("s3cret", ex.Message);
            Assert.Equal(ErrorIds.InvalidBaseUri, ex.ErrorId);
        }
    }
}
