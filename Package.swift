// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "coop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "coop", targets: ["coop"]),
        .executable(name: "coop-bench", targets: ["CoopBench"]),
        .library(name: "CoopCore", targets: ["CoopCore"]),
        .library(name: "CoopStore", targets: ["CoopStore"]),
        .library(name: "CoopServer", targets: ["CoopServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(
            name: "CoopCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            exclude: ["README.md"]
        ),
        .target(
            name: "CoopStore",
            dependencies: [
                "CoopCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "CoopServer",
            dependencies: [
                "CoopCore",
                "CoopStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md", "API/README.md"],
            resources: [.copy("Languages/Translations")]
        ),
        .executableTarget(
            name: "coop",
            dependencies: ["CoopServer"],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "CoopBench",
            dependencies: [
                "CoopCore",
                "CoopStore",
                "CoopServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            exclude: ["README.md"]
        ),
        .testTarget(
            name: "CoopCoreTests",
            dependencies: [
                "CoopCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CoopServerTests",
            dependencies: [
                "CoopServer",
                "CoopStore",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
