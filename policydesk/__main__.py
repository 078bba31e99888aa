from policydesk.cli.main import app

app()
