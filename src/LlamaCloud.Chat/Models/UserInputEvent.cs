namespace LlamaCloud.Chat
{
    /// <summary>What the user asked. Wire type <c>user_input</c>.</summary>
    public sealed class UserInputEvent : ContentEvent
    {
        /// <summary>Creates the event.</summary>
        public UserInputEvent(string? content) : base(ChatEventType.UserInput, content) { }

        internal UserInputEvent(IUtf8Text utf8, int start, int length) : base(ChatEventType.UserInput, utf8, start, length) { }
    }
}
