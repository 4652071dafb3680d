namespace Quanzhou.Matching.Subscriptions;

/// <summary>What a <see cref="Subscription"/> (订阅) watches for.</summary>
public enum SubscriptionKind
{
    /// <summary>A saved need (保存的需求): an enterprise's <see cref="TechNeed"/>, matched against new achievements and experts.</summary>
    SavedNeed = 1,

    /// <summary>A saved interest (关注): free text such as 石墨烯导热膜, optionally narrowed by industry tags and region.</summary>
    SavedInterest = 2,
}
