namespace LlamaCloud.Chat
{
    /// <summary>
    /// Bytes of a response that events point into instead of copying their text (the readers' buffers implement it):
    /// a content event decodes its text from here on first access.
    /// </summary>
    internal interface IUtf8Text
    {
        /// <summary>The bytes at <paramref name="start"/> decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
        string GetString(int start, int length);
    }
}
