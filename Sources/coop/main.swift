import CoopServer

await CoopCommand.runMain()
