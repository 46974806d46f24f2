import CoopServer

await CoopCommand.main()
