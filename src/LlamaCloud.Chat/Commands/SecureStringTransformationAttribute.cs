using System;
using System.Management.Automation;
using System.Security;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Lets -ApiKey (and -RedactionKey) take a plain string or a PSCredential (its password is the key, as
    /// vaults and Get-Credential hand keys out) as well as a SecureString.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>What the parameter holds, for the message about an empty value. Default: API key.</summary>
        public string Subject { get; set; } = Messages.ApiKeySubject;

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PSValue.Unwrap(inputData);
            if (value is PSCredential credential) value = credential.Password;
            if (value is string s)
            {
                // An explicit empty key is a mistake, not a request to fall back to another key.
                if (string.IsNullOrWhiteSpace(s)) throw new ArgumentTransformationMetadataException(Messages.KeyEmpty(Subject));
                return ToSecureString(s);
            }
            if (value is SecureString secure && secure.Length == 0) throw new ArgumentTransformationMetadataException(Messages.KeyEmpty(Subject));
            return value;
        }

        /// <summary>A key as a parameter may hold it (string, SecureString, PSCredential), as a SecureString; null for anything else.</summary>
        internal static SecureString? ToKey(object? value) => value switch
        {
            SecureString secure => secure,
            PSCredential credential => credential.Password,
            string s => ToSecureString(s),
            _ => null,
        };

        internal static SecureString ToSecureString(string s)
        {
            var secure = new SecureString();
            foreach (var c in s) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
