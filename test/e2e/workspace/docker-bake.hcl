target "api" {
  context    = "monorepo"
  dockerfile = "services/api/Dockerfile"
}
