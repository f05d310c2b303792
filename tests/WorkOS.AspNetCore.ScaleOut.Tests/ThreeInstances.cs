using WorkOS.AspNetCore.ScaleOut.Tests.Infrastructure;

namespace WorkOS.AspNetCore.ScaleOut.Tests;

/// <summary>The test classes that share one three-instance cluster (each test signs in a browser of its own).</summary>
[CollectionDefinition(Name)]
public sealed class ThreeInstances : ICollectionFixture<ThreeInstanceCluster>
{
    public const string Name = "three instances on one Redis";
}
