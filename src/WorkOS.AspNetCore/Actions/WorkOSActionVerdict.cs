namespace WorkOS.AspNetCore.Actions;

/// <summary>An AuthKit Action's answer: allow the sign-in or sign-up, or deny it with a message the user is shown.</summary>
public sealed class WorkOSActionVerdict
{
    /// <summary>The longest <see cref="ErrorMessage"/> WorkOS accepts, in characters.</summary>
    public const int MaxErrorMessageLength = 500;

    private WorkOSActionVerdict(bool isAllowed, string? errorMessage)
    {
        IsAllowed = isAllowed;
        ErrorMessage = errorMessage;
    }

    /// <summary>Lets the sign-in or sign-up go on.</summary>
    public static WorkOSActionVerdict Allow { get; } = new(true, null);

    /// <summary>Whether the operation is allowed.</summary>
    public bool IsAllowed { get; }

    /// <summary>The message AuthKit shows the user when the operation is denied; <see langword="null"/> for none.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Stops the sign-in or sign-up; AuthKit shows <paramref name="errorMessage"/> to the user.</summary>
    /// <param name="errorMessage">At most <see cref="MaxErrorMessageLength"/> characters; <see langword="null"/> or empty for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">The message is longer than <see cref="MaxErrorMessageLength"/> characters, which WorkOS would refuse.</exception>
    public static WorkOSActionVerdict Deny(string? errorMessage = null)
    {
        if (errorMessage is { Length: > MaxErrorMessageLength })
        {
            throw new ArgumentOutOfRangeException(
                nameof(errorMessage),
                errorMessage.Length,
                $"An Actions error message is at most {MaxErrorMessageLength} characters; WorkOS refuses a longer one.");
        }

        return new WorkOSActionVerdict(false, string.IsNullOrEmpty(errorMessage) ? null : errorMessage);
    }
}
