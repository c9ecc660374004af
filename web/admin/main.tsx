import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "../src/styles.css";
import { AdminApp } from "./admin-app";

const root = document.getElementById("root");
if (!root) throw new Error("admin/index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <AdminApp />
  </StrictMode>,
);
