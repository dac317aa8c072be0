require("../../../packages/shared");
